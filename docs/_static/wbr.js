// Long module-qualified names (infomeasures.normalized_pointwise_mutual_information)
// may wrap after a dot or an underscore, never inside a word: a <wbr> after
// each, in navigation links, API titles and the API summary tables.
document.addEventListener("DOMContentLoaded", () => {
  const selector = [
    ".bd-sidebar-primary a",
    ".bd-article h1",
    "table.autosummary a code span.pre",
    "dl.py .sig .sig-name",
    ".bd-breadcrumbs a",
    ".bd-breadcrumbs li",
  ].join(", ");
  for (const el of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const t of texts) {
      if (!/[._]\w/.test(t.data) || t.data.length < 24) continue;
      const parts = t.data.split(/(?<=[._])(?=\w)/);
      const frag = document.createDocumentFragment();
      parts.forEach((p, i) => {
        if (i) frag.appendChild(document.createElement("wbr"));
        frag.appendChild(document.createTextNode(p));
      });
      t.replaceWith(frag);
    }
  }
});
