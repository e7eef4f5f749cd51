// Generated from the Rust core (src/shared.rs) by `policylens shared-js`, which
// ./build.sh runs; edit the Rust, not this file.
globalThis.policylensShared = {
  "containerBlocks": [
    "div",
    "section",
    "article",
    "main",
    "aside",
    "header",
    "table",
    "ul",
    "ol",
    "dl",
    "details",
    "figure",
    "body"
  ],
  "gradeColours": {
    "A": {
      "background": "#1a7f37",
      "text": "#ffffff"
    },
    "B": {
      "background": "#2f7d14",
      "text": "#ffffff"
    },
    "C": {
      "background": "#f2c94c",
      "text": "#1b1f24"
    },
    "D": {
      "background": "#c2410c",
      "text": "#ffffff"
    },
    "E": {
      "background": "#b42318",
      "text": "#ffffff"
    }
  },
  "maxBlockText": 200000,
  "maxBlocks": 20000,
  "maxExtractedText": 2097152,
  "maxField": 4096,
  "maxSites": 300,
  "maxTextBytes": 2097152,
  "namedBlocks": [
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "td",
    "th",
    "dt",
    "dd",
    "pre",
    "blockquote",
    "caption",
    "figcaption",
    "summary",
    "address"
  ],
  "precheck": {
    "maxChars": 200,
    "maxHeadings": 12,
    "minSections": 2,
    "nameHeadings": 4,
    "nameWords": [
      "privacy",
      "datenschutz",
      "confidentialit",
      "privacidad",
      "privacidade",
      "privacybeleid",
      "privacyverklaring",
      "prywatno",
      "data protection",
      "personal data",
      "personal information",
      "personenbezogen",
      "données personnelles",
      "donnees personnelles",
      "vie privée",
      "vie privee",
      "cookie",
      "trackers"
    ],
    "sectionWords": [
      "information we collect",
      "information you collect",
      "information we provide",
      "information you provide",
      "personal data",
      "personal information",
      "how we use",
      "data sharing",
      "information sharing",
      "retention",
      "your rights",
      "your choices",
      "third part",
      "children",
      "international transfer",
      "legal basis",
      "erhebung",
      "verarbeitung",
      "speicherdauer",
      "ihre rechte",
      "collecte",
      "vos droits",
      "conservation",
      "destinataires"
    ],
    "urlWords": [
      "privacy",
      "/legal",
      "datenschutz",
      "confidentialit",
      "privacidad",
      "privacidade",
      "privacyverklaring",
      "prywatno",
      "data-protection",
      "dataprotection",
      "vie-privee",
      "vieprivee",
      "cookie",
      "trackers"
    ]
  },
  "settingsDefaults": {
    "autoBadge": true,
    "corner": "bottom-right",
    "quietSites": []
  },
  "skippedElements": [
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "canvas",
    "select",
    "button",
    "textarea",
    "nav",
    "footer",
    "head",
    "policylens-badge"
  ]
};
