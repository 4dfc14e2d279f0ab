// Before printing, give each link of the content its full address, which the print
// style sheet writes after the link (a printed page cannot be clicked).
window.addEventListener("beforeprint", () => {
  for (const link of document.querySelectorAll("main a[href]")) {
    const onTheWeb = link.protocol === "http:" || link.protocol === "https:";
    if (onTheWeb && link.textContent.trim() !== link.href) {
      link.dataset.printUrl = link.href;
    }
  }
});
