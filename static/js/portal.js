// Small progressive enhancements; every page works without JavaScript.
document.documentElement.classList.add("js");
