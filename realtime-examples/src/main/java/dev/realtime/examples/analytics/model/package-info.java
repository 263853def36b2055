/** The analytics feed's values: validated events and the statistics every client sees. */
package dev.realtime.examples.analytics.model;
