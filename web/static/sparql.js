/* The SPARQL query page, improved when JavaScript runs (the form works without it):
 * - syntax highlighting: a <pre> under a transparent <textarea>, re-tokenised on every input
 *   by the small lexer below (no library, nothing from elsewhere: the CSP allows only 'self');
 * - example queries loaded into the editor without leaving the page;
 * - "add missing prefixes": PREFIX lines for the prefixes the query uses but does not declare;
 * - results fetched from /sparql and drawn as a table (SELECT, ASK) or as Turtle (CONSTRUCT,
 *   DESCRIBE), with the row cap shown when the server cut the result (X-KG-Truncated).
 * Everything is built with DOM methods and textContent: result values are never parsed as HTML.
 */
(function () {
  "use strict";

  var KEYWORDS = ("BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK FROM NAMED WHERE ORDER BY ASC DESC LIMIT OFFSET " +
    "DISTINCT REDUCED GROUP HAVING AS VALUES UNDEF OPTIONAL UNION MINUS GRAPH SERVICE SILENT FILTER BIND " +
    "EXISTS NOT IN A LOAD CLEAR DROP CREATE ADD MOVE COPY INSERT DELETE DATA WITH USING DEFAULT ALL INTO TO " +
    "TRUE FALSE").split(" ");
  var FUNCTIONS = ("STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN " +
    "UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES " +
    "SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM " +
    "ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT " +
    "SEPARATOR").split(" ");

  // one alternative per token kind, tried in order at each position (as the server's lexer does)
  var LEXER = new RegExp([
    "(\\s+)",                                                         // 1 space
    "(#[^\\n\\r]*)",                                                  // 2 comment
    "('''[\\s\\S]*?'''|\"\"\"[\\s\\S]*?\"\"\"|'(?:[^'\\\\\\n\\r]|\\\\.)*'|\"(?:[^\"\\\\\\n\\r]|\\\\.)*\")", // 3 string
    "(<[^<>\"{}|^`\\\\\\u0000-\\u0020]*>)",                           // 4 IRI
    "([?$][\\w\\u00b7\\u00c0-\\uffff]+)",                             // 5 variable
    "(_:[\\w\\u00c0-\\uffff.-]*)",                                    // 6 blank node
    "((?:[A-Za-z\\u00c0-\\uffff][\\w\\u00c0-\\uffff.-]*)?:(?:[\\w\\u00c0-\\uffff.:%-]|\\\\.)*)", // 7 prefixed name
    "([+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?))", // 8 number
    "([A-Za-z_][A-Za-z0-9_]*)",                                       // 9 word
    "([\\s\\S])"                                                      // 10 anything else
  ].join("|"), "g");
  var CLASSES = [null, null, "tok-comment", "tok-string", "tok-iri", "tok-var", "tok-bnode", "tok-pname",
    "tok-number", "tok-word", "tok-punct"];

  function tokenize(text) {
    var out = [], m;
    LEXER.lastIndex = 0;
    while ((m = LEXER.exec(text)) !== null) {
      for (var g = 1; g < CLASSES.length; g++) {
        if (m[g] !== undefined) {
          var cls = CLASSES[g];
          if (g === 9) {
            var upper = m[g].toUpperCase();
            cls = KEYWORDS.indexOf(upper) >= 0 || m[g] === "a" ? "tok-keyword"
              : FUNCTIONS.indexOf(upper) >= 0 ? "tok-function" : "tok-word";
          }
          out.push([cls, m[g]]);
          break;
        }
      }
    }
    return out;
  }

  function highlight(code, text) {
    var frag = document.createDocumentFragment();
    tokenize(text).forEach(function (tok) {
      if (tok[0] === null) {
        frag.appendChild(document.createTextNode(tok[1]));
      } else {
        var span = document.createElement("span");
        span.className = tok[0];
        span.textContent = tok[1];
        frag.appendChild(span);
      }
    });
    // a final newline keeps the last line's height equal in <pre> and <textarea>
    frag.appendChild(document.createTextNode("\n"));
    code.replaceChildren(frag);
  }

  function el(name, cls, text) {
    var node = document.createElement(name);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function compact(iri, prefixes) {
    for (var i = 0; i < prefixes.length; i++) {
      var ns = prefixes[i][1];
      if (iri.indexOf(ns) === 0) {
        var local = iri.slice(ns.length);
        if (/^[\w.-]+$/.test(local) && !/\.$/.test(local)) { return prefixes[i][0] + ":" + local; }
      }
    }
    return iri;
  }

  function termNode(term, prefixes) {
    if (term.type === "uri") {
      var text = compact(term.value, prefixes);
      if (/^https?:\/\//.test(term.value)) {
        var a = el("a", null, text);
        a.href = term.value;
        a.title = term.value;
        if (term.value.indexOf(location.origin + "/") !== 0) { a.rel = "nofollow noopener"; }
        return a;
      }
      return el("span", "iri", text);
    }
    if (term.type === "literal") {
      var span = el("span");
      span.appendChild(el("span", "literal", term.value));
      var note = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype ? compact(term.datatype, prefixes) : null;
      if (note) { span.appendChild(document.createTextNode(" ")); span.appendChild(el("small", "note", note)); }
      return span;
    }
    if (term.type === "bnode") { return el("span", "bnode", "_:" + term.value); }
    if (term.type === "triple") {
      var t = el("span", "triple");
      t.appendChild(document.createTextNode("<< "));
      ["subject", "predicate", "object"].forEach(function (k) {
        t.appendChild(termNode(term.value[k], prefixes));
        t.appendChild(document.createTextNode(" "));
      });
      t.appendChild(document.createTextNode(">>"));
      return t;
    }
    return el("span", null, String(term.value));
  }

  function render(box, form, response, body, prefixes) {
    var msg = form.dataset;
    box.replaceChildren(el("h2", null, msg.results));
    var type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    if (!response.ok) {
      var p = el("p", "error");
      p.appendChild(el("strong", null, msg.error + " " + response.status + ": "));
      p.appendChild(el("span", "message", body.replace(/^\d{3} /, "")));
      box.appendChild(p);
      return;
    }
    if (type === "application/sparql-results+json") {
      var doc = JSON.parse(body);
      if (typeof doc.boolean === "boolean") {
        box.appendChild(el("p", "boolean", doc.boolean ? msg.true : msg.false));
        return;
      }
      var vars = doc.head.vars, rows = doc.results.bindings;
      box.appendChild(el("p", "count", msg.rows.replace("{n}", rows.length)));
      var cut = response.headers.get("X-KG-Truncated");
      if (cut) { box.appendChild(el("p", "truncated", cut)); }
      if (!rows.length) { box.appendChild(el("p", "empty", msg.empty)); return; }
      var table = el("table", "solutions"), head = el("tr");
      vars.forEach(function (v) { head.appendChild(el("th", null, v)); });
      table.appendChild(el("thead")).appendChild(head);
      var tbody = table.appendChild(el("tbody"));
      rows.forEach(function (row) {
        var tr = el("tr");
        vars.forEach(function (v) {
          var td = el("td");
          if (row[v]) { td.appendChild(termNode(row[v], prefixes)); }
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      var wrap = el("div", "table-wrap");
      wrap.appendChild(table);
      box.appendChild(wrap);
      return;
    }
    var cutGraph = response.headers.get("X-KG-Truncated");
    if (cutGraph) { box.appendChild(el("p", "truncated", cutGraph)); }
    if (!body.trim()) { box.appendChild(el("p", "empty", msg.empty)); return; }
    var pre = el("pre", "turtle");
    pre.textContent = body;
    box.appendChild(pre);
  }

  function setup() {
    var form = document.getElementById("sparql-form");
    var area = document.getElementById("query");
    var code = document.getElementById("highlight");
    var editor = document.getElementById("editor");
    var box = document.getElementById("results");
    if (!form || !area || !code || !editor || !box) { return; }
    var prefixes = Array.prototype.map.call(document.querySelectorAll("#prefixes dt"), function (dt) {
      return [dt.dataset.prefix, dt.dataset.iri];
    });

    editor.classList.add("js-highlight");
    document.querySelectorAll(".needs-js").forEach(function (n) { n.classList.add("js-ready"); });
    function refresh() { highlight(code, area.value); sync(); }
    function sync() { code.parentNode.scrollTop = area.scrollTop; code.parentNode.scrollLeft = area.scrollLeft; }
    area.addEventListener("input", refresh);
    area.addEventListener("scroll", sync);
    refresh();

    document.querySelectorAll("a[data-example]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        fetch(link.dataset.example, {headers: {Accept: "application/sparql-query"}})
          .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
          .then(function (text) { area.value = text; refresh(); area.focus(); })
          .catch(function () { location.href = link.href; });
      });
    });

    var insert = document.getElementById("insert-prefixes");
    if (insert) {
      insert.addEventListener("click", function () {
        var text = area.value, lines = [];
        prefixes.forEach(function (p) {
          var declared = new RegExp("PREFIX\\s+" + p[0] + ":", "i").test(text);
          var used = new RegExp("(^|[^\\w:?$])" + p[0] + ":", "").test(text.replace(/<[^>\s]*>/g, ""));
          if (used && !declared) { lines.push("PREFIX " + p[0] + ": <" + p[1] + ">"); }
        });
        if (lines.length) { area.value = lines.join("\n") + "\n" + text; refresh(); }
      });
    }

    function run(event) {
      var format = form.elements.format ? form.elements.format.value : "";
      if (format) { return; } // a download format: let the browser submit the form
      if (event) { event.preventDefault(); }
      var params = new URLSearchParams();
      params.append("query", area.value);
      box.replaceChildren(el("p", "running", form.dataset.running));
      var started = performance.now();
      fetch(form.action, {
        method: "POST",
        headers: {"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
                  "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
        body: params.toString()
      }).then(function (response) {
        return response.text().then(function (body) {
          render(box, form, response, body, prefixes);
          var took = el("p", "timing", Math.round(performance.now() - started) + " ms");
          box.appendChild(took);
        });
      }).catch(function (err) {
        box.replaceChildren(el("p", "error", form.dataset.error + ": " + err));
      });
      var url = new URL(location.href);
      url.searchParams.set("query", area.value);
      url.searchParams.delete("example");
      if (url.toString().length < 8000) { history.replaceState(null, "", url.toString()); }
    }

    form.addEventListener("submit", run);
    area.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        if (form.elements.format && form.elements.format.value) { form.requestSubmit(); } else { run(event); }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
}());
