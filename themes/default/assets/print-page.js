/*
 * gongkai 打印本页: turns the note #print-this (which, without script,
 * tells the reader to use the browser's own print command) into a
 * button that opens the print dialog.  The print stylesheet in
 * style.css leaves out navigation and the 审核信息 either way.  A file,
 * not inline script: pages carry a Content-Security-Policy.
 */
(function () {
	"use strict";
	var note = document.getElementById("print-this");
	var button;

	if (!note || typeof window.print !== "function")
		return;
	button = document.createElement("button");
	button.type = "button";
	button.className = "print-button";
	button.textContent = "打印本页";
	button.addEventListener("click", function () {
		window.print();
	});
	note.textContent = "";
	note.appendChild(button);
}());
