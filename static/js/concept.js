/*
 * Keep a draft of a reflection in this browser tab while it is being written, so that
 * nothing is lost when the session ran out (the login page sends the person back to the
 * empty form) or the page was reloaded.
 *
 * - A textarea with a data-concept attribute is saved to sessionStorage on every input,
 *   under a key per form address (the path), together with the text the page started with.
 * - When the page opens with that same starting text and a different draft is saved, the
 *   draft is put back and the note [data-concept-melding] is shown.
 * - A page with [data-concept-wissen="<path>"] (shown after a successful save) forgets the
 *   draft of that form.
 *
 * Progressive enhancement only: without JavaScript, or without sessionStorage, the forms
 * work exactly the same. No inline script, no eval: fits the CSP (script-src 'self').
 */
(function () {
  "use strict";

  var PREFIX = "herstelacademie:concept:";

  function opslag() {
    try {
      var s = window.sessionStorage;
      var proef = PREFIX + "proef";
      s.setItem(proef, "1");
      s.removeItem(proef);
      return s;
    } catch (e) {
      return null; // private mode or storage switched off: simply no drafts
    }
  }

  function lees(s, sleutel) {
    try {
      var waarde = JSON.parse(s.getItem(sleutel) || "null");
      return waarde && typeof waarde.tekst === "string" ? waarde : null;
    } catch (e) {
      return null;
    }
  }

  function wis(s) {
    var elementen = document.querySelectorAll("[data-concept-wissen]");
    for (var i = 0; i < elementen.length; i++) {
      var pad = elementen[i].getAttribute("data-concept-wissen");
      if (pad) {
        s.removeItem(PREFIX + pad);
      }
    }
  }

  function bewaar(s, veld, sleutel, basis) {
    veld.addEventListener("input", function () {
      try {
        if (veld.value === basis) {
          s.removeItem(sleutel);
        } else {
          s.setItem(sleutel, JSON.stringify({ basis: basis, tekst: veld.value }));
        }
      } catch (e) {
        // Storage full: the form still works, only the draft is not kept.
      }
    });
  }

  function herstel(veld, sleutel, basis, concept) {
    if (!concept || concept.basis !== basis || concept.tekst === veld.value) {
      return;
    }
    if (veld.value !== basis) {
      return; // the page already shows other text (e.g. after a form error): keep that
    }
    veld.value = concept.tekst;
    var melding = document.querySelector("[data-concept-melding]");
    if (melding) {
      melding.classList.remove("hidden");
    }
  }

  function start() {
    var s = opslag();
    if (!s) {
      return;
    }
    wis(s);
    var velden = document.querySelectorAll("textarea[data-concept]");
    for (var i = 0; i < velden.length; i++) {
      var veld = velden[i];
      var sleutel = PREFIX + window.location.pathname + (velden.length > 1 ? "#" + veld.name : "");
      // The text the server put in the page: empty for a new reflection, the saved text
      // when changing one. When the page shows the draft itself again (after a form
      // error), the draft keeps the start it had.
      var concept = lees(s, sleutel);
      var basis = veld.defaultValue;
      herstel(veld, sleutel, basis, concept);
      if (concept && concept.tekst === veld.defaultValue) {
        basis = concept.basis;
      }
      bewaar(s, veld, sleutel, basis);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
