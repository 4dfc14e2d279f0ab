// "My list": the offers a visitor collects while browsing. The browser keeps their ids
// (localStorage: no account, no cookie); the list page shows them from its address
// (my-list/?offers=3,17), so the list can be shared, printed and saved as a PDF.
// Without this script each offer has a plain link to a list of that one offer.
(() => {
  const KEY = "my-list";
  const MAX = 50; // directory/my_list.py: MAX_OFFERS

  function parse(text) {
    return [...new Set(String(text || "").split(",").map(Number))]
      .filter((id) => Number.isInteger(id) && id > 0)
      .slice(0, MAX);
  }

  function stored() {
    try {
      return parse(localStorage.getItem(KEY));
    } catch {
      return null; // storage is switched off: the plain links stay
    }
  }

  function store(ids) {
    localStorage.setItem(KEY, ids.slice(0, MAX).join(","));
    show(ids);
  }

  function listAddress(path, ids) {
    return ids.length ? `${path}?offers=${ids.join(",")}` : path;
  }

  // The links to the list carry the stored ids and their number.
  function show(ids) {
    for (const link of document.querySelectorAll("a.my-list-link")) {
      link.href = listAddress(link.pathname, ids);
      link.hidden = false;
      const count = link.querySelector(".my-list-link__count");
      if (count) count.textContent = ids.length ? `(${ids.length})` : "";
    }
    for (const button of document.querySelectorAll("button[data-offer]")) {
      const pressed = ids.includes(Number(button.dataset.offer));
      button.setAttribute("aria-pressed", String(pressed));
      button.textContent = pressed ? button.dataset.remove : button.dataset.add;
    }
  }

  // Each offer's plain link becomes a toggle button.
  function addButtons(onList) {
    for (const link of document.querySelectorAll("a[data-offer]")) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "my-list-toggle";
      for (const name of ["offer", "add", "remove"]) button.dataset[name] = link.dataset[name];
      button.addEventListener("click", () => {
        const id = Number(button.dataset.offer);
        const ids = stored() || [];
        const next = ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id];
        store(next);
        if (onList && !next.includes(id)) {
          location.replace(listAddress(location.pathname, parse(onList.dataset.ids).filter((o) => o !== id)));
        }
      });
      link.replaceWith(button);
    }
  }

  // On the list page: copy, print, and keep a list that came as a link.
  function listPage(list) {
    const shown = parse(list.dataset.ids);
    const asked = parse(new URLSearchParams(location.search).get("offers"));
    const ids = stored();
    const same = (a, b) => a.length === b.length && a.every((id) => b.includes(id));
    if (!ids.length || same(ids, asked)) {
      store(shown); // the visitor's own list (or a first one), as the page names it
    } else if (shown.length && !same(ids, shown)) {
      const keep = list.querySelector(".my-list__keep");
      keep.hidden = false;
      keep.querySelector("button").addEventListener("click", () => {
        store(shown);
        keep.hidden = true;
      });
    }
    const status = list.querySelector(".my-list__status");
    const copy = list.querySelector(".my-list__copy");
    const input = list.querySelector("#my-list-link");
    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(input.value);
        } catch {
          input.select(); // the visitor copies the selected link
          return;
        }
        status.textContent = copy.dataset.copied;
      });
    }
    const print = list.querySelector(".my-list__print");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", () => window.print());
    }
  }

  const ids = stored();
  if (ids === null) return;
  const list = document.querySelector(".my-list");
  addButtons(list);
  if (list) listPage(list);
  show(stored());
})();
