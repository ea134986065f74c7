// Live quality check on the listing form: re-scores the unsaved fields as the owner types.
(function () {
  const form = document.querySelector("form[data-quality-url]");
  const panel = document.getElementById("quality-panel");
  if (!form || !panel) return;
  let timer = null;
  function check() {
    const data = new FormData(form);
    data.delete("files");
    fetch(form.dataset.qualityUrl, {
      method: "POST",
      body: data,
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    })
      .then((response) => (response.ok ? response.text() : null))
      .then((html) => {
        if (html !== null) panel.innerHTML = html;
      })
      .catch(() => {});
  }
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(check, 600);
  });
  form.addEventListener("change", () => {
    clearTimeout(timer);
    timer = setTimeout(check, 200);
  });
})();
