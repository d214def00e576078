#!/usr/bin/env bash
# The frozen Linux app shows its window on a real X server (Xvfb, the xcb platform, not
# offscreen). The host's copies of the xcb helper libraries that stock desktops may lack are
# hidden first (in a private mount namespace), so only the bundle's own copies can be used.
#
#     bash .ci/window_on_x.sh [dist/integration-journal/integration-journal]
set -euo pipefail
app=$(readlink -f "${1:-dist/integration-journal/integration-journal}")
hide=(libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-image.so.0 libxcb-keysyms.so.1
      libxcb-render-util.so.0 libxcb-util.so.1 libxkbcommon-x11.so.0)

if [ "${WINDOW_CHECK_NS:-}" != 1 ]; then
    if unshare --mount true 2>/dev/null; then
        exec unshare --mount env WINDOW_CHECK_NS=1 bash "$0" "$@"
    fi
    echo "window check: no mount namespace here, so the host's libraries stay visible"
else
    for name in "${hide[@]}"; do
        for path in $(ldconfig -p | awk -v n="$name" '$1 == n {print $NF}'); do
            mount --bind /dev/null "$(readlink -f "$path")"
        done
    done
    echo "window check: the host's ${hide[*]} are hidden"
fi

work=$(mktemp -d)
cleanup() {
    [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "${x_pid:-}" ] && kill "$x_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
x_pid=$!
for _ in $(seq 100); do
    [ -s "$work/display" ] && break
    sleep 0.1
done
[ -s "$work/display" ] || { cat "$work/xvfb.log"; echo "window check: Xvfb did not start"; exit 1; }
export DISPLAY=":$(head -n1 "$work/display")"

mkdir -p "$work/home"
env -u WAYLAND_DISPLAY HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
    QT_QPA_PLATFORM=xcb "$app" --data-dir "$work/journal" >"$work/app.log" 2>&1 &
app_pid=$!
if ! window=$(timeout 60 xdotool search --sync --onlyvisible --name '^Integration Journal$'); then
    cat "$work/app.log"
    echo "window check: no window appeared within 60 s"
    exit 1
fi
kill -0 "$app_pid" || { cat "$work/app.log"; echo "window check: the app exited"; exit 1; }
echo "window check: the frozen app's window appeared on Xvfb ($DISPLAY, window $window)"
