/**
 * The collaborative editor example: documents edited by many clients at once through operational
 * transformation, with cursors and resynchronisation after reconnects.
 */
package dev.realtime.examples.editor;
