/*
 * gongkai electronic display (电子显示屏): reloads the page after
 * data-reload seconds (on the body: a whole number of cycles of the
 * slides, about an hour) to show a newer build, but never while someone
 * is using the page: a touch, click, key or scroll puts the reload off
 * by one more period, so that a reader does not lose it (WCAG 2.2.1; a
 * <meta http-equiv="refresh"> could not wait).  Without script, the
 * page's <noscript> refresh reloads it after over 20 hours.  No
 * inline script: the page loads this as a file (the
 * Content-Security-Policy allows 'self' only).
 */
(function () {
	"use strict";
	var secs = parseInt(document.body.getAttribute("data-reload"), 10);
	var last = -Infinity;
	var events = ["pointerdown", "touchstart", "mousedown", "keydown",
	    "scroll", "wheel"];
	var i;

	if (!(secs > 0))
		return;
	function used() {
		last = Date.now();
	}
	function due() {
		if (Date.now() - last >= secs * 1000)
			window.location.reload();
		else	/* someone is here: again after one more period */
			window.setTimeout(due, secs * 1000);
	}
	for (i = 0; i < events.length; i++)
		window.addEventListener(events[i], used, { passive: true });
	window.setTimeout(due, secs * 1000);
}());
