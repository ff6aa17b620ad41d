// Turns a [data-tabs] block of sections into tabs. Without this module every section is shown, one after another,
// each under its own heading; with it, one shows at a time and the headings become the tab labels. Keyboard:
// Left/Right/Home/End move between tabs, as in the WAI-ARIA tabs pattern.

function enhance(container, index) {
  const panels = Array.from(container.querySelectorAll(":scope > [data-tab-label]"));
  if (panels.length < 2) {
    return;
  }
  const list = document.createElement("div");
  list.className = "tabs__list";
  list.setAttribute("role", "tablist");
  const tabs = panels.map((panel, i) => {
    const tab = document.createElement("button");
    tab.type = "button";
    tab.className = "tabs__tab";
    tab.id = `tabs-${index}-tab-${i}`;
    tab.textContent = panel.dataset.tabLabel;
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-controls", panel.id);
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", tab.id);
    panel.tabIndex = 0;
    list.append(tab);
    return tab;
  });

  function select(chosen, focus) {
    tabs.forEach((tab, i) => {
      const selected = i === chosen;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      panels[i].hidden = !selected;
    });
    if (focus) {
      tabs[chosen].focus();
    }
  }

  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(i, false));
    tab.addEventListener("keydown", (event) => {
      const last = tabs.length - 1;
      const next = { ArrowRight: i === last ? 0 : i + 1, ArrowLeft: i === 0 ? last : i - 1, Home: 0, End: last }[event.key];
      if (next !== undefined) {
        event.preventDefault();
        select(next, true);
      }
    });
  });

  container.prepend(list);
  container.classList.add("tabs--enhanced");
  select(0, false);
}

document.querySelectorAll("[data-tabs]").forEach(enhance);
