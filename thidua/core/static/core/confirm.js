// Ask before a destructive form is submitted: <form data-confirm="Xóa bản ghi này?">. CSP forbids inline handlers.
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
}, true);
