const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c] ?? c)
}

/** A complete French page of the stand-in. `body` must already be escaped. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - FranceConnect (bac à sable local)</title>
<style>
body{font-family:Marianne,Arial,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#161616}
ul{list-style:none;padding:0}li{margin:.5rem 0}
button{font:inherit;padding:.5rem 1rem;border:1px solid #000091;background:#fff;color:#000091;cursor:pointer;text-align:left;width:100%}
button[name=cancel]{border-color:#666;color:#3a3a3a;width:auto}
.login{font-size:.85rem;color:#666}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`
}
