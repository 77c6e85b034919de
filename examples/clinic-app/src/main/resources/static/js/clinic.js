// The clinic app's little JavaScript: live updates, copy buttons, confirmations, the phone panel.
(function () {
  "use strict";

  function replace(id, url) {
    return fetch(url, { headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        var current = document.getElementById(id);
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var fresh = holder.querySelector("#" + id) || holder.firstElementChild;
        if (current && fresh) { current.replaceWith(fresh); }
      });
  }

  // Communications: reload the inbox and the open thread when the server says something changed.
  var main = document.querySelector("main[data-live]");
  if (main && window.EventSource) {
    var selected = main.getAttribute("data-selected") || "";
    var base = window.location.pathname.replace(/\/$/, "");
    var source = new EventSource(main.getAttribute("data-live"));
    // A stream holds one of the few connections a browser opens to a server: give it back as soon
    // as the page is left, rather than when the browser gets round to it.
    window.addEventListener("pagehide", function () { source.close(); });
    source.addEventListener("conversation", function (event) {
      replace("inbox", base + "/fragments/inbox?c=" + encodeURIComponent(selected));
      if (selected && event.data === selected) {
        replace("thread", base + "/fragments/thread?c=" + encodeURIComponent(selected)).then(scrollThread);
      }
    });
  }

  function scrollThread() {
    var messages = document.getElementById("messages");
    if (messages) { messages.lastElementChild && messages.lastElementChild.scrollIntoView({ block: "end" }); }
  }
  scrollThread();

  // Copy the webhook URL.
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".copy-button");
    if (!button) { return; }
    var input = document.getElementById(button.getAttribute("data-copy"));
    if (!input) { return; }
    input.select();
    if (navigator.clipboard) { navigator.clipboard.writeText(input.value); } else { document.execCommand("copy"); }
  });

  // Ask before releasing a number or disconnecting the account.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("confirm-form")) { return; }
    if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); return; }
    var confirmed = form.querySelector(".confirmed");
    if (confirmed) { confirmed.value = "true"; }
  });

  // The patient's phone: refresh its screen every two seconds.
  var screen = document.getElementById("phone-messages");
  if (screen) {
    setInterval(function () { replace("phone-messages", screen.getAttribute("data-refresh")); }, 2000);
  }
})();
