// The meeting's one page: a row just added (a commitment) opens its collapsed
// details, so that staff see the fields they are about to fill in.
"use strict";
document.addEventListener("formset:added", (event) => {
  for (const details of event.target.querySelectorAll("details")) {
    details.open = true;
  }
});
