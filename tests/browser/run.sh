#!/usr/bin/env bash
# The HTML report of `crakit assess` in a real browser: headless Chromium renders the report of
# tests/data/cra/project-good, takes a screenshot and dumps the rendered page, and the checks
# below read them: the page's text (title, score, every criterion, the requirements and checks
# tables), the inline SVG chart (one bar per criterion and the overall one), nothing fetched,
# and a screenshot of the requested size that is not blank. Skips cleanly without Chromium
# (Debian: chromium, installed by scripts/deps.sh). Ends with "browser: N passed, N failed[, N
# skipped]" (read by tests/run.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
B=${B:-build}
bin=$B/san/crakit
pass=0; fail=0; skip=0
ok() { echo "ok   $*"; pass=$((pass + 1)); }
ko() { echo "FAIL $*"; fail=$((fail + 1)); }
finish() { if [ "$skip" -gt 0 ]; then echo "browser: $pass passed, $fail failed, $skip skipped"; else echo "browser: $pass passed, $fail failed"; fi; [ "$fail" -eq 0 ]; exit; }

chrome=
for c in chromium chromium-browser google-chrome; do
  if command -v "$c" >/dev/null 2>&1; then chrome=$c; break; fi
done
if [ -z "$chrome" ]; then
  echo "SKIP: no chromium (Debian package chromium, installed by scripts/deps.sh): the HTML report is not rendered"
  skip=1; finish
fi
[ -x "$bin" ] || { ko "setup: $bin not built"; finish; }
command -v python3 >/dev/null 2>&1 || { ko "setup: python3 missing"; finish; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crakit-browser.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
report=$tmp/report.html
if ! "$bin" assess tests/data/cra/project-good --now 2026-06-01 \
  --findings tests/data/cra/project-good/scan.json -f html -o "$report" 2>"$tmp/assess.log"; then
  ko "crakit assess -f html"; cat "$tmp/assess.log"; finish
fi
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-dev-shm-usage
  --disable-extensions --disable-background-networking --user-data-dir="$tmp/profile"
  --hide-scrollbars --window-size=1200,1600)
# every request the page makes is logged: a self-contained report makes none
timeout 120 "$chrome" "${flags[@]}" --screenshot="$tmp/shot.png" "file://$report" \
  >"$tmp/shot.log" 2>&1
timeout 120 "$chrome" "${flags[@]}" --dump-dom "file://$report" >"$tmp/dom.html" 2>"$tmp/dom.log"

if [ -s "$tmp/dom.html" ]; then ok "chromium rendered the report"; else
  ko "chromium rendered nothing"; tail -n 5 "$tmp/dom.log"; finish; fi

# the page's text, as the browser parsed it (tags removed, entities decoded)
python3 - "$tmp/dom.html" >"$tmp/text.txt" <<'PY'
import html, re, sys
dom = open(sys.argv[1], encoding='utf-8').read()
dom = re.sub(r'(?s)<style.*?</style>', '', dom)
print(html.unescape(re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', ' ', dom))))
PY
for want in "CRA assessment: ExDev Dashboard" "67% overall" \
  "essential requirements (Annex I)" "harmonised standards, specifications, certification" \
  "classification and its actions" "technical documentation (Annex VII)" \
  "conformity assessment procedure, declaration (Annex V, VI)" \
  "AI-P2-1 identify and document vulnerabilities and components" \
  "no known exploitable vulnerabilities" "Automatic checks" "default-credentials" \
  "Looked at:" "Gaps (20, 19 required)" "Regulation (EU) 2024/2847"; do
  if grep -qF -- "$want" "$tmp/text.txt"; then ok "page text has '$want'"; else ko "page text lacks '$want'"; fi
done
bars=$(grep -o '<rect[^>]*fill="#[0-9a-f]\{6\}"' "$tmp/dom.html" | grep -vc 'fill="#e8e8e8"')
if [ "$bars" -eq 6 ]; then ok "the SVG chart has 6 bars (5 criteria and overall)"; else ko "the SVG chart has $bars bars, want 6"; fi
if grep -qiE '<script|<link|<img|<iframe' "$tmp/dom.html"; then ko "the page loads something (script, link, img or iframe)"; else
  ok "the page is self-contained (no script, link, img, iframe)"; fi

# the screenshot: a PNG of the window size, mostly white but not blank (text and coloured bars)
python3 - "$tmp/shot.png" >"$tmp/png.txt" 2>&1 <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, w = 8, b'', 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
assert depth == 8 and ctype in (2, 6), 'unexpected PNG type %d/%d' % (depth, ctype)
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, rows, i = bytearray(stride), [], 0
for _ in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
dark = green = 0
for line in rows[::2]:
    for x in range(0, stride, bpp * 2):
        r, g, bl = line[x], line[x + 1], line[x + 2]
        dark += r < 100 and g < 100 and bl < 100
        green += g > 100 and r < 60 and bl < 90
print(w, h, dark, green)
PY
read -r pw ph dark green <"$tmp/png.txt" 2>/dev/null || true
if [ "${pw:-0}" = 1200 ] && [ "${ph:-0}" = 1600 ]; then ok "screenshot is 1200x1600"; else ko "screenshot: $(cat "$tmp/png.txt" | tail -n 2)"; fi
if [ "${dark:-0}" -gt 500 ]; then ok "screenshot shows text ($dark dark samples)"; else ko "screenshot looks blank ($dark dark samples)"; fi
if [ "${green:-0}" -gt 200 ]; then ok "screenshot shows the green bars of the chart ($green samples)"; else ko "screenshot lacks the chart's green bars ($green samples)"; fi
finish
