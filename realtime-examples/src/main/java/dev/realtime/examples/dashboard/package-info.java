/**
 * The live dashboard example: samples of system or simulated metrics pushed to subscribed clients
 * on a lossy feed, threshold alerts, and REST history.
 */
package dev.realtime.examples.dashboard;
