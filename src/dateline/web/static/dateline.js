// Event pages: clicking (or Enter on) a fact selects it and highlights the sentences behind it.
document.addEventListener("DOMContentLoaded", () => {
  for (const row of document.querySelectorAll("tr.fact")) {
    const select = (event) => {
      if (event.target.closest("a")) return; // links open the article
      for (const other of document.querySelectorAll("tr.fact.selected")) other.classList.remove("selected");
      row.classList.add("selected");
    };
    row.addEventListener("click", select);
    row.addEventListener("keydown", (event) => { if (event.key === "Enter") select(event); });
  }
  const focus = document.getElementById("focus");
  if (focus) focus.scrollIntoView({ block: "center" });
});
