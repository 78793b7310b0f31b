-- wrk script for bench/run.py: cycles through the paths given after "--" and prints the
-- figures as one JSON line at the end.
local paths = {}
local i = 0

function init(args)
  for _, p in ipairs(args) do table.insert(paths, p) end
  if #paths == 0 then table.insert(paths, "/") end
end

function request()
  i = i + 1
  return wrk.format(nil, paths[(i % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "errors": %d, "p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f}\n',
    summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
