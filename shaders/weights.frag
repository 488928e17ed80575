#version 330 core
// First-layer weight rows of a CIFAR network as 32x32 colour images, in a grid of
// tiles with a 1-pixel white border. `weights` holds unit u's red, green and blue
// planes in rows 3u, 3u+1, 3u+2 (1024 values each, image rows top first); `ranges`
// holds each unit's smallest and largest weight, which map to black and full colour.
in vec2 uv;
out vec4 colour;
uniform sampler2D weights;
uniform sampler2D ranges;
uniform int columns;
uniform int units;
uniform int height;  // of the framebuffer, to count tiles from the top

const int tile = 34;

void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  int y = height - 1 - p.y;
  int unit = (y / tile) * columns + p.x / tile;
  ivec2 q = ivec2(p.x % tile, y % tile) - 1;
  if (unit >= units || q.x < 0 || q.y < 0 || q.x >= 32 || q.y >= 32) {
    colour = vec4(1.0);
    return;
  }
  int k = q.y * 32 + q.x;
  vec3 w = vec3(texelFetch(weights, ivec2(k, 3 * unit), 0).r, texelFetch(weights, ivec2(k, 3 * unit + 1), 0).r,
                texelFetch(weights, ivec2(k, 3 * unit + 2), 0).r);
  float lo = texelFetch(ranges, ivec2(0, unit), 0).r;
  float hi = texelFetch(ranges, ivec2(1, unit), 0).r;
  vec3 c = hi > lo ? (w - lo) / (hi - lo) : vec3(0.5);
  colour = vec4(clamp(c, 0.0, 1.0), 1.0);
}
