#!/bin/sh
# language_menu_test.sh BACKSTEP: View > Language > Español with real clicks: the
# settings file says language = es, and the window opened next (no --lang, an English
# environment) speaks Spanish: its menu bar's first item is "Archivo", not "File" (the
# pixels between "File" and "Edit" hold text). Then English again, and language = en.
bs=$1
. "$(dirname "$0")/xdo_lib.sh"
start_xvfb
export LANGUAGE=en
# menubar_text X0 X1: whether the menu bar's row (y 4..16) has dark text pixels in x0..x1.
menubar_text() {
  xwd -root -silent > "$work/screen.xwd"
  python3 - "$work/screen.xwd" "$1" "$2" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
h = struct.unpack('>25I', d[:100])
size, w, bpl, ncolors, lsb = h[0], h[4], h[12], h[19], h[7] == 0
off = size + 12 * ncolors
dark = 0
for y in range(4, 17):
    for x in range(int(sys.argv[2]), int(sys.argv[3]) + 1):
        p = d[off + y * bpl + 4 * x: off + y * bpl + 4 * x + 4]
        r, g, b = (p[2], p[1], p[0]) if lsb else (p[1], p[2], p[3])
        dark += r + g + b < 300
sys.exit(0 if dark >= 5 else 1)
PY
}
# choose ITEM_Y: View (x 105), Language (its second item), then the item at ITEM_Y of the
# submenu, until the settings file says $2 (5 tries: a loaded machine may miss a move).
choose() {
  for try in 1 2 3 4 5; do
    xdotool mousemove 105 10 click 1
    sleep 0.7
    xdotool mousemove 130 56
    sleep 0.7
    xdotool mousemove 300 56 mousemove 349 "$1"
    sleep 0.5
    xdotool click 1
    sleep 0.7
    grep -qx "language = $2" "$BACKSTEP_SETTINGS" 2>/dev/null && return 0
    xdotool key Escape  # a menu left open
  done
  echo "View > Language never wrote language = $2"; cat "$BACKSTEP_SETTINGS"; exit 1
}
"$bs" --example ex2 &
app=$!
wait_title "Backstep - ex2"
sleep 1
menubar_text 38 47 && { echo "the menu bar has text between File and Edit before Español was chosen"; exit 1; }
choose 74 es
echo "View > Language > Español wrote language = es"
sleep 0.5
menubar_text 38 47 || { echo "the window did not switch to Spanish at once (no Archivo)"; exit 1; }
echo "the menu bar says Archivo at once"
escape_until_closed
"$bs" --example ex2 &
app=$!
wait_title "Backstep - ex2"
sleep 1.5
menubar_text 38 47 || { echo "the next window did not start in the remembered Spanish"; exit 1; }
echo "the next window starts in Spanish"
# In Spanish the View menu is "Ver" (x 132..153) and its Language item the second: the
# same places but for the menu's title.
for try in 1 2 3 4 5; do
  xdotool mousemove 142 10 click 1
  sleep 0.7
  xdotool mousemove 170 56
  sleep 0.7
  xdotool mousemove 380 56 mousemove 420 55
  sleep 0.5
  xdotool click 1
  sleep 0.7
  grep -qx "language = en" "$BACKSTEP_SETTINGS" && break
  xdotool key Escape
done
grep -qx "language = en" "$BACKSTEP_SETTINGS" || { echo "Ver > Idioma > English never wrote language = en"; cat "$BACKSTEP_SETTINGS"; exit 1; }
sleep 0.5
menubar_text 38 47 && { echo "still Spanish after English was chosen"; exit 1; }
echo "Ver > Idioma > English: English again, language = en"
escape_until_closed
