#!/bin/sh
# core_plugins_only.sh DIR: a Graphviz plugin folder (for GVBINDIR) with only the core
# renderers and the dot layout: no cairo, so no PDF or PNG, as on a machine without
# libgvc6's cairo plugin registered.
set -e
dir=$1 plugins=$(pkg-config --variable=libdir libgvc)/graphviz
mkdir -p "$dir"
: > "$dir/config6a"
for p in core dot_layout; do
  ln -sf "$plugins/libgvplugin_$p.so.6" "$dir/"
  awk "/^libgvplugin_$p.so.6 /,/^}/" "$plugins/config6a" >> "$dir/config6a"
done
