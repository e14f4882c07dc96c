/*
 * gongkai touch screen (电子触摸屏): after data-idle seconds without a
 * touch, key or scroll, go back to the start page (data-home on the
 * body), so the next visitor finds the catalogue.  The pages work the
 * same without this file.  No inline script: the page loads it as a
 * file (the Content-Security-Policy allows 'self' only).
 */
(function () {
	"use strict";
	var body = document.body;
	var home = body.getAttribute("data-home");
	var secs = parseInt(body.getAttribute("data-idle"), 10);
	var timer = null;
	var events = ["pointerdown", "touchstart", "mousedown", "keydown",
	    "scroll", "wheel"];
	var i;

	if (!home || !(secs > 0))
		return;
	function idle() {
		/* the start page itself: back to its top */
		if (body.classList.contains("kiosk-start"))
			window.scrollTo(0, 0);
		else
			window.location.href = home;
	}
	function reset() {
		if (timer !== null)
			window.clearTimeout(timer);
		timer = window.setTimeout(idle, secs * 1000);
	}
	for (i = 0; i < events.length; i++)
		window.addEventListener(events[i], reset, { passive: true });
	reset();
}());
