// Before printing, give each link of the content its full address, which the print
// style sheet writes after the link (a printed page cannot be clicked). A map link is
// left as it is: the address it shows is printed beside it.
window.addEventListener("beforeprint", () => {
  for (const link of document.querySelectorAll("main a[href]")) {
    const onTheWeb = link.protocol === "http:" || link.protocol === "https:";
    if (onTheWeb && !link.classList.contains("map-link") && link.textContent.trim() !== link.href) {
      link.dataset.printUrl = link.href;
    }
  }
});
