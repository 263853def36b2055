/**
 * The examples' small HTTP server on the JDK's {@code HttpServer}: pages, static files and REST
 * endpoints, with a strict content security policy on every response.
 */
package dev.realtime.examples.http;
