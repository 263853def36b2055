/**
 * Web pages in a real headless Chromium: {@link dev.realtime.testing.browser.BrowserExtension}
 * opens fresh browser windows for a test, screenshots them when it fails and quits them after.
 *
 * <p>Needs Selenium on the test class path ({@code selenium-chrome-driver} and {@code
 * selenium-support}); the kit declares it optional, so only projects with browser tests pull it.
 */
package dev.realtime.testing.browser;
