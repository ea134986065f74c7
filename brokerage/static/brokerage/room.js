/* Negotiation room client: WebSocket chat with catch-up on reconnect. No libraries.

   Messages carry the room's seq (1, 2, 3… without holes, given in commit order on the server).
   They are shown in seq order wherever they arrive from (catch-up or live, in any order); only
   a seq already shown is skipped, and a hole (seq n+2 seen, n+1 not) asks the server to catch
   up from the last message before it. */
(function () {
  "use strict";
  var root = document.getElementById("room");
  if (!root) return;

  var strings = {};
  // <template> keeps its children in .content, outside the document tree.
  document.getElementById("room-strings").content.querySelectorAll("[data-key]").forEach(function (el) {
    strings[el.dataset.key] = el.textContent;
  });
  function $(role) { return root.querySelector('[data-role="' + role + '"]'); }
  var log = $("log"), status = $("status"), typingEl = $("typing"), presenceEl = $("presence");
  var userId = Number(root.dataset.userId), mySide = root.dataset.myside || root.dataset.mySide;
  // shown: seq -> message id; upTo: every seq up to it is shown; upToId: that message's id.
  var shown = {}, upTo = 0, upToId = 0, lastId = 0, offers = {}, gapTimer = null;
  var socket = null, retry = 0, typingTimer = null, lastTypingSent = 0;
  var readBy = {};

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function money(value) {
    return "¥" + Number(value).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function send(payload) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }

  function offerCard(offer, senderId) {
    var card = el("div", "bk-offer bk-offer--" + offer.status);
    card.dataset.offerId = offer.id;
    card.appendChild(el("strong", "", strings.offer + strings.lparen + offer.side_label + strings.rparen));
    if (offer.by_broker) card.appendChild(el("span", "tag bk-offer__by-broker", strings.by_broker));
    var dl = el("dl", "facts");
    [[strings.price, money(offer.price)], [strings.terms, offer.payment_terms], [strings.mode, offer.transfer_mode_label]]
      .forEach(function (pair) { dl.appendChild(el("dt", "", pair[0])); dl.appendChild(el("dd", "", pair[1])); });
    card.appendChild(dl);
    card.appendChild(el("span", "tag bk-offer__status", offer.status_label));
    if (offer.status === "open" && mySide && offer.side !== mySide) {
      var actions = el("div", "bk-offer__actions");
      var accept = el("button", "btn btn--primary", strings.accept);
      accept.type = "button";
      accept.addEventListener("click", function () { send({ action: "respond", offer_id: offer.id, response: "accept" }); });
      var decline = el("button", "btn btn--ghost", strings.decline);
      decline.type = "button";
      decline.addEventListener("click", function () { send({ action: "respond", offer_id: offer.id, response: "decline" }); });
      var counterInput = el("input");
      counterInput.type = "number"; counterInput.min = "1"; counterInput.step = "0.01";
      counterInput.setAttribute("aria-label", strings.counter_price);
      counterInput.placeholder = strings.counter_price;
      var counter = el("button", "btn btn--ghost", strings.counter);
      counter.type = "button";
      counter.addEventListener("click", function () {
        if (!counterInput.value) { counterInput.focus(); return; }
        send({ action: "respond", offer_id: offer.id, response: "counter",
               counter: { price: counterInput.value, payment_terms: offer.payment_terms, transfer_mode: offer.transfer_mode } });
      });
      [accept, decline, counterInput, counter].forEach(function (n) { actions.appendChild(n); });
      card.appendChild(actions);
    }
    return card;
  }

  // An offer's latest known state: the one carried by the message with the highest seq.
  function knowOffer(offer, seq) {
    var known = offers[offer.id];
    if (!known || known.seq <= seq) offers[offer.id] = { offer: offer, seq: seq };
    return offers[offer.id].offer;
  }

  function updateOffer(offer) {
    log.querySelectorAll('[data-offer-id="' + offer.id + '"]').forEach(function (card) {
      card.replaceWith(offerCard(offer));
    });
  }

  function place(item, seq) {
    var later = Array.prototype.find.call(log.children, function (n) { return Number(n.dataset.seq) > seq; });
    log.insertBefore(item, later || null);
  }

  function askForMissing() {
    clearTimeout(gapTimer);
    gapTimer = setTimeout(function () {
      if (shown[upTo + 1] === undefined && Object.keys(shown).some(function (s) { return Number(s) > upTo; })) {
        send({ action: "catch_up", after: upToId });
      }
    }, 250);
  }

  function render(message) {
    var seq = message.seq;
    if (shown[seq] !== undefined) return; // already shown (catch-up and live can overlap)
    shown[seq] = message.id;
    while (shown[upTo + 1] !== undefined) { upTo += 1; upToId = shown[upTo]; }
    if (seq > upTo) askForMissing();
    lastId = Math.max(lastId, message.id);
    var item = el("li", "bk-msg bk-msg--" + message.kind + (message.sender_id === userId ? " is-mine" : ""));
    item.dataset.messageId = message.id;
    item.dataset.seq = seq;
    if (message.kind !== "system") {
      var meta = el("div", "bk-msg__meta", message.sender + " · " + new Date(message.created_at).toLocaleTimeString("zh-CN"));
      item.appendChild(meta);
    }
    if (message.kind === "offer" && message.offer) {
      item.appendChild(offerCard(knowOffer(message.offer, seq)));
    } else if (message.kind === "file" && message.file) {
      var link = el("a", "bk-msg__file", "📎 " + message.file.name);
      link.href = message.file.url;
      item.appendChild(link);
    } else {
      item.appendChild(el("div", "bk-msg__body", message.body));
      if (message.offer) updateOffer(knowOffer(message.offer, seq));
    }
    item.appendChild(el("div", "bk-msg__read"));
    place(item, seq);
    log.scrollTop = log.scrollHeight;
  }

  function showReads() {
    log.querySelectorAll(".bk-msg.is-mine .bk-msg__read").forEach(function (n) { n.textContent = ""; });
    Object.keys(readBy).forEach(function (uid) {
      if (Number(uid) === userId) return;
      var node = log.querySelector('.bk-msg.is-mine[data-message-id="' + readBy[uid] + '"] .bk-msg__read');
      if (!node) {
        var mine = Array.prototype.filter.call(log.querySelectorAll(".bk-msg.is-mine"), function (n) {
          return Number(n.dataset.messageId) <= readBy[uid];
        });
        node = mine.length ? mine[mine.length - 1].querySelector(".bk-msg__read") : null;
      }
      if (node) node.textContent = strings.read;
    });
  }

  // One read receipt per burst of messages: the server rate limits every frame.
  var readTimer = null;
  function markRead() {
    clearTimeout(readTimer);
    readTimer = setTimeout(function () {
      if (lastId && document.visibilityState !== "hidden") send({ action: "read", message_id: lastId });
    }, 300);
  }

  function onFrame(event) {
    var data = JSON.parse(event.data);
    if (data.type === "catch_up") { data.messages.forEach(render); markRead(); }
    else if (data.type === "message") { render(data.message); markRead(); }
    else if (data.type === "presence") {
      presenceEl.replaceChildren.apply(presenceEl, data.online.map(function (p) { return el("li", "bk-online", p.name); }));
    } else if (data.type === "typing") {
      typingEl.textContent = data.name + " " + strings.typing;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { typingEl.textContent = ""; }, 3000);
    } else if (data.type === "read") { readBy[data.user_id] = data.last_read_id; showReads(); }
    else if (data.type === "stage" && data.stage === "agreed") { status.textContent = strings.agreed; root.classList.add("is-agreed"); }
    else if (data.type === "error") { status.textContent = data.message; }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + root.dataset.wsPath + "?after=" + upToId + "&lang=" + encodeURIComponent(root.dataset.lang || ""));
    socket.addEventListener("open", function () { retry = 0; status.textContent = strings.connected; root.dataset.connected = "1"; });
    socket.addEventListener("message", onFrame);
    socket.addEventListener("close", function (event) {
      root.dataset.connected = "";
      // 4403: no access (any more); 4410: the engagement closed. Neither changes by retrying.
      if (event.code === 4403 || event.code === 4410) return;
      status.textContent = strings.reconnecting;
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 500 * Math.pow(2, retry - 1));
    });
  }

  $("compose").addEventListener("submit", function (event) {
    event.preventDefault();
    var box = this.elements.body;
    if (!box.value.trim()) return;
    send({ action: "message", body: box.value });
    box.value = "";
  });
  $("compose").elements.body.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); this.form.requestSubmit(); return; }
    if (Date.now() - lastTypingSent > 2000) { lastTypingSent = Date.now(); send({ action: "typing" }); }
  });
  $("upload").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = this.elements.file;
    if (!input.files.length) return;
    var body = new FormData();
    body.append("file", input.files[0]);
    fetch(root.dataset.uploadUrl, { method: "POST", body: body, headers: { "X-CSRFToken": root.dataset.csrf }, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (json) { return { ok: r.ok, json: json }; }); })
      .then(function (res) {
        if (!res.ok) { status.textContent = res.json.error || strings.upload_failed; return; }
        send({ action: "file", file_id: res.json.id });
        input.value = "";
      })
      .catch(function () { status.textContent = strings.upload_failed; });
  });
  var offerForm = $("offer");
  if (offerForm) {
    offerForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var offer = { action: "offer", price: this.elements.price.value, payment_terms: this.elements.payment_terms.value,
                    transfer_mode: this.elements.transfer_mode.value };
      if (this.elements.on_behalf_of) offer.on_behalf_of = this.elements.on_behalf_of.value;
      send(offer);
      this.reset();
    });
  }
  document.addEventListener("visibilitychange", markRead);
  var history = document.getElementById("room-history");
  if (history) {
    // The engagement is closed: its record, read-only, and no socket.
    JSON.parse(history.textContent).forEach(render);
    status.textContent = strings.closed;
  } else {
    connect();
  }
})();
