// Rich-text editor of the achievement form: bold, italic, h3, lists and links over a textarea.
// The textarea remains the submitted field; the server sanitises again (marketplace/richtext.py).
(function () {
  const ALLOWED = new Set(["P", "BR", "B", "STRONG", "I", "EM", "H3", "UL", "OL", "LI", "A"]);
  const BLOCKS = new Set(["DIV", "H1", "H2", "H4", "H5", "H6", "BLOCKQUOTE", "PRE"]);

  function safeHref(href) {
    const value = (href || "").trim();
    if (/^(https?:|mailto:)/i.test(value)) return value;
    if (/^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(value)) return "https://" + value;
    return null;
  }

  // Copies only allowed elements (without attributes, except a safe href) into `target`.
  function copyClean(source, target) {
    source.childNodes.forEach((node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        target.appendChild(document.createTextNode(node.textContent));
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const tag = node.tagName;
      if (["SCRIPT", "STYLE", "TEMPLATE", "IFRAME", "OBJECT", "SVG"].includes(tag)) return;
      let element = null;
      if (ALLOWED.has(tag)) {
        element = document.createElement(tag);
        if (tag === "A") {
          const href = safeHref(node.getAttribute("href"));
          if (!href) element = null;
          else element.setAttribute("href", href);
        }
      } else if (BLOCKS.has(tag)) {
        element = document.createElement("P");
      }
      if (element) {
        copyClean(node, element);
        target.appendChild(element);
      } else {
        copyClean(node, target);
      }
    });
  }

  function toHtml(value) {
    const text = (value || "").trim();
    if (!text) return "";
    if (!/<[a-z/][^>]*>/i.test(text)) {
      // Plain text (e.g. typed without JavaScript): paragraphs by blank lines.
      const box = document.createElement("div");
      text.split(/\n\s*\n/).forEach((part) => {
        const p = document.createElement("p");
        part.split("\n").forEach((line, i) => {
          if (i) p.appendChild(document.createElement("br"));
          p.appendChild(document.createTextNode(line));
        });
        box.appendChild(p);
      });
      return box.innerHTML;
    }
    const parsed = new DOMParser().parseFromString(text, "text/html");
    const box = document.createElement("div");
    copyClean(parsed.body, box);
    return box.innerHTML;
  }

  function enhance(root) {
    const textarea = root.querySelector("textarea");
    const editor = root.querySelector(".richtext__editor");
    const toolbar = root.querySelector(".richtext__toolbar");
    if (!textarea || !editor || !toolbar || !document.execCommand) return;
    editor.innerHTML = toHtml(textarea.value);
    const label = document.querySelector(`label[for="${textarea.id}"]`);
    if (label) editor.setAttribute("aria-label", label.textContent.replace("*", "").trim());
    editor.hidden = false;
    toolbar.hidden = false;
    root.classList.add("richtext--live");
    textarea.tabIndex = -1;
    if (label) label.addEventListener("click", () => editor.focus());

    const sync = () => {
      textarea.value = editor.textContent.trim() ? editor.innerHTML : "";
    };
    const refresh = () => {
      toolbar.querySelectorAll("[data-command]").forEach((button) => {
        const command = button.dataset.command;
        let on = false;
        if (command === "bold" || command === "italic") on = document.queryCommandState(command);
        else if (command === "ul") on = document.queryCommandState("insertUnorderedList");
        else if (command === "ol") on = document.queryCommandState("insertOrderedList");
        else if (command === "h3") on = document.queryCommandValue("formatBlock") === "h3";
        button.setAttribute("aria-pressed", on ? "true" : "false");
      });
    };

    toolbar.addEventListener("mousedown", (event) => event.preventDefault());
    toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("[data-command]");
      if (!button) return;
      editor.focus();
      document.execCommand("defaultParagraphSeparator", false, "p");
      const command = button.dataset.command;
      if (command === "bold" || command === "italic") document.execCommand(command);
      else if (command === "ul") document.execCommand("insertUnorderedList");
      else if (command === "ol") document.execCommand("insertOrderedList");
      else if (command === "h3") {
        const inHeading = document.queryCommandValue("formatBlock") === "h3";
        document.execCommand("formatBlock", false, inHeading ? "p" : "h3");
      } else if (command === "unlink") document.execCommand("unlink");
      else if (command === "link") {
        const href = safeHref(window.prompt(root.dataset.linkPrompt || "URL", "https://"));
        if (href) document.execCommand("createLink", false, href);
      }
      sync();
      refresh();
      editor.dispatchEvent(new Event("input", { bubbles: true }));
    });
    editor.addEventListener("focus", () => {
      document.execCommand("defaultParagraphSeparator", false, "p");
    });
    editor.addEventListener("input", sync);
    editor.addEventListener("keyup", refresh);
    editor.addEventListener("mouseup", refresh);
    // Pasted office documents bring styles and fonts: keep their text only.
    editor.addEventListener("paste", (event) => {
      const text = event.clipboardData && event.clipboardData.getData("text/plain");
      if (text === undefined || text === null) return;
      event.preventDefault();
      document.execCommand("insertText", false, text);
    });
    if (textarea.form) textarea.form.addEventListener("submit", sync);
  }

  document.querySelectorAll("[data-richtext]").forEach(enhance);
})();
