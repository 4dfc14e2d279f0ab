// The "helpful" button without reloading the post: shows the count from the uncached
// endpoint and sends the click there. Without this script the form posts and the post
// reloads with the count.
document.querySelectorAll("form[data-helpful]").forEach((form) => {
  const output = form.querySelector("[data-helpful-count]");
  const show = (response) =>
    response.ok ? response.json().then((data) => { output.textContent = data.label; }) : null;
  const ask = (method) =>
    fetch(form.action, { method, headers: { Accept: "application/json" }, credentials: "omit" });
  if (!output.textContent.trim()) ask("GET").then(show).catch(() => {});
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    ask("POST").then(show).catch(() => form.submit()).finally(() => { button.disabled = false; });
  });
});
