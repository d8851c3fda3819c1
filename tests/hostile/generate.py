#!/usr/bin/env python3
"""Writes the hostile corpus (files/, links/, messages/, pictures/) and cases.tsv next to this script.

Each case is an input a hostile or careless user could send and the outcome it must get; the test that replays them
is crates/cli/tests/hostile.rs. Run `python3 tests/hostile/generate.py` after changing a case, then check the
diff of cases.tsv: an expected outcome is a promise, change it only on purpose.
"""
import base64, json, os, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = []  # (path, how, expect, text)


def case(path, how, expect, text, data):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    CASES.append((path, how, expect, text))


def doc(nodes, edges=(), **extra):
    d = {"format": "scalelab", "version": 1, "name": "hostile", "nodes": nodes,
         "edges": [{"from": a, "to": b} for a, b in edges]}
    d.update(extra)
    return d


def node(i, kind, label=None, x=0.0, y=0.0, **cfg):
    cfg["kind"] = kind
    return {"id": i, "label": label or f"{kind} {i}", "x": x, "y": y, "config": cfg}


def js(d):
    return json.dumps(d, separators=(",", ":"), ensure_ascii=False)


def link(d_or_text, tail=b""):
    text = d_or_text if isinstance(d_or_text, str) else js(d_or_text)
    raw = zlib.compress(text.encode("utf-8"), 9) + tail
    return "d1." + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def three_tier(rate=600.0, duration=120.0, **client):
    """Client → LB → two web servers → database: a valid base to break."""
    return doc([
        node(1, "client", "Users", arrival_rate_per_s=rate, **client),
        node(2, "load_balancer", "LB"),
        node(3, "web_server", "Web 1"),
        node(4, "web_server", "Web 2"),
        node(5, "database", "DB"),
    ], [(1, 2), (2, 3), (2, 4), (3, 5), (4, 5)], duration_s=duration)


def bulky_clients(n):
    """n clients with a million keys, files and users each, behind one DNS (defect 1)."""
    nodes = [node(1, "dns", "DNS"), node(2, "web_server", "Web", embedded_database=True)]
    edges = [(1, 2)]
    for i in range(n):
        c = 10 + i
        nodes.append(node(c, "client", f"Users {i + 1}", key_count=1000000, static_assets=1000000,
                          users=1000000, arrival_rate_per_s=1.0))
        edges.append((c, 1))
    return doc(nodes, edges, duration_s=60.0)


MEMORY = "of memory, more than the 256.0 MiB a run may use"
WORK = "events, more than the 1 billion a run may take"

# --- 1. Memory budget: refused before the run, node and setting named (CLI exit 2) -----------------------------
for n in (20, 100, 498):
    case(f"files/memory/{n}_clients_million_keys.json", "run", "2", MEMORY, js(bulky_clients(n)))
case("files/memory/20_clients_blamed.json", "run", "2",
     "Users 1 (n10): Users 1000000 takes about 15.3 MiB of the run's memory", js(bulky_clients(20)))
qs = [node(1, "client", "Users", arrival_rate_per_s=100000.0, job_fraction=1.0),
      node(2, "web_server", "Web", embedded_database=True)]
qe = [(1, 2)]
for i in range(10):
    qs.append(node(10 + i, "message_queue", f"Queue {i}", capacity_messages=10000000))
    qs.append(node(30 + i, "workers", f"Workers {i}", min_workers=0, max_workers=0))
    qe.append((10 + i, 30 + i))
qe.append((2, 10))
case("files/memory/ten_full_queues.json", "run", "2",
     "Queue 0 (n10): Capacity 10000000 messages takes about 305.2 MiB", js(doc(qs, qe, duration_s=600.0)))
sticky = [node(1, "client", "Users", users=1000000), node(2, "dns", "DNS")]
se = [(1, 2)]
for i in range(70):
    sticky.append(node(10 + i, "load_balancer", f"LB {i}", algorithm="sticky_sessions"))
    sticky.append(node(100 + i, "web_server", f"Web {i}", embedded_database=True))
    se += [(2, 10 + i), (10 + i, 100 + i)]
case("files/memory/seventy_sticky_balancers.json", "run", "2", "Users (n1): Users 1000000 takes about",
     js(doc(sticky, se)))
case("files/memory/deep_web_queues.json", "run", "2", "Queue capacity 1000000 takes about",
     js(doc([node(1, "client", "Users", arrival_rate_per_s=1000000.0), node(2, "load_balancer", "LB")]
            + [node(10 + i, "web_server", f"Web {i}", queue_capacity=1000000, workers=1, embedded_database=True)
               for i in range(3)], [(1, 2)] + [(2, 10 + i) for i in range(3)], duration_s=10.0)))
rep = [node(1, "client", "Users", arrival_rate_per_s=1000000.0, read_fraction=0.0),
       node(2, "web_server", "Web", workers=4096), node(3, "database", "Primary", replication_lag_ms=60000.0)]
re_ = [(1, 2), (2, 3)]
for i in range(10):
    rep.append(node(10 + i, "replica", f"Replica {i}"))
    re_.append((3, 10 + i))
case("files/memory/replication_lag_a_minute.json", "run", "2",
     "Primary (n3): Replication lag (mean) 60000 ms takes about", js(doc(rep, re_, duration_s=100.0)))
caches = [node(1, "client", "Users", key_count=1000000), node(2, "load_balancer", "LB")]
ce = [(1, 2)]
for i in range(4):
    caches += [node(10 + i, "web_server", f"Web {i}"), node(20 + i, "cache", f"Cache {i}", capacity_entries=1000000,
                                                             eviction="lfu"), node(30 + i, "database", f"DB {i}")]
    ce += [(2, 10 + i), (10 + i, 20 + i), (20 + i, 30 + i)]
case("files/memory/four_million_entry_lfu_caches.json", "run", "2",
     "Capacity 1000000 entries takes about 167.8 MiB", js(doc(caches, ce)))
cdns = [node(1, "client", "Users", static_assets=1000000, static_fraction=0.5), node(2, "web_server", "Web",
                                                                                     embedded_database=True)]
cde = [(1, 2)]
for i in range(6):
    cdns.append(node(10 + i, "cdn", f"CDN {i}", capacity_assets=10000000))
    cde.append((10 + i, 2))
cde.append((1, 10))
case("files/memory/six_huge_cdns.json", "run", "2", "Files each edge keeps 10000000 files takes about",
     js(doc(cdns, cde)))
case("files/memory/million_rps_two_second_rtt.json", "run", "2",
     "Users (n1): Arrival rate 1000000 req/s takes about", js(three_tier(rate=1000000.0, duration=10.0, rtt_ms=2000.0)))

# --- 2. Work budget ----------------------------------------------------------------------------------------------
case("files/work/million_rps_for_a_day.json", "run", "2", WORK, js(three_tier(rate=1000000.0, duration=86400.0)))
case("files/work/million_rps_for_a_day_blamed.json", "run", "2",
     "Users (n1): Arrival rate 1000000 req/s costs about 604.8 billion events", js(three_tier(1000000.0, 86400.0)))
# A traffic shape multiplies the base rate: a ×100 step for a day is charged at ∫m, not at the base rate.
case("files/work/hundredfold_ramp_for_a_day.json", "run", "2", WORK,
     js(three_tier(rate=10000.0, duration=86400.0,
                   traffic={"shape": "ramp", "to_multiple": 100, "start_s": 0, "over_s": 0})))
case("files/traffic/profile_65_points.json", "run", "2", "traffic profile: it has more than 64 points",
     js(three_tier(traffic={"shape": "piecewise", "points": [[float(i), 1.0] for i in range(65)]})))
case("files/traffic/profile_back_in_time.json", "run", "2", "traffic profile: its times go back",
     js(three_tier(traffic={"shape": "piecewise", "points": [[10.0, 1.0], [5.0, 2.0]]})))
case("files/traffic/crowd_a_billion_fold.json", "run", "2", "Crowd peak (multiple of the base rate) must be from 0",
     js(three_tier(traffic={"shape": "flash_crowd", "multiple": 1e9, "start_s": 10, "rise_s": 1, "duration_s": 5})))
case("files/traffic/unknown_shape.json", "run", "2", "unknown variant",
     js(three_tier(traffic={"shape": "tsunami"})))
shard = [node(1, "client", "Users", key_count=1000000), node(2, "web_server", "Web"), node(3, "shard_router", "Router")]
she = [(1, 2), (2, 3)]
for i in range(4):
    shard.append(node(10 + i, "database", f"Shard {i}"))
    she.append((3, 10 + i))
faults = [{"at_us": 1000 + 10 * k, "node": 3, "action": "add_shard" if k % 2 == 0 else "remove_shard"}
          for k in range(10000)]
case("files/work/ten_thousand_reshards.json", "run", "2", "Router (n3): Faults on this node 10000 costs about",
     js(doc(shard, she, faults=faults)))
one_reshard = doc(shard, she, faults=[{"at_us": 1000000, "node": 3, "action": "add_shard"}], duration_s=86400.0)
for n_ in one_reshard["nodes"]:
    if n_["config"]["kind"] == "shard_router":
        n_["config"]["migration_keys_per_s"] = 1.0
case("files/work/slow_migration_for_a_day.json", "run", "2", "Router (n3): Faults on this node 1 costs about",
     js(one_reshard))
sess = [node(1, "client", "Users", users=1000000, arrival_rate_per_s=1.0),
        node(2, "web_server", "Web", embedded_database=True, sessions="in_memory")]
kills = [{"at_us": 1000 * (k + 1), "node": 2, "action": "kill" if k % 2 == 0 else "restore"} for k in range(10000)]
case("files/work/ten_thousand_session_sweeps.json", "run", "2", "Web (n2): Faults on this node 10000 costs about",
     js(doc(sess, [(1, 2)], faults=kills)))
case("files/work/preset_over_max_events.json", "run --max-events 1000", "2", "more than the 1000 a run may take",
     js(three_tier()))
case("files/work/max_events_zero.json", "run --max-events 0", "2", "--max-events must be a whole number", js(three_tier()))
case("files/work/max_events_words.json", "run --max-events lots", "2", "--max-events must be a whole number",
     js(three_tier()))
case("files/work/max_events_fraction.json", "run --max-events 2.5", "2", "--max-events must be a whole number",
     js(three_tier()))
case("files/work/raised_max_events_runs.json", "run --max-events 2e12 --duration-s 1", "0", '"trace_hash"',
     js(three_tier(rate=100000.0, duration=86400.0)))
case("files/work/shorter_run_fits.json", "run --duration-s 1", "0", '"requests"', js(three_tier(100000.0, 86400.0)))

# --- 3. Grading -------------------------------------------------------------------------------------------------
def challenged(**ch):
    d = three_tier()
    c = {"goal": "hostile", "measure_from_s": 10.0, "max_error_ratio": 0.01}
    c.update(ch)
    d["challenge"] = c
    return d


case("files/grading/measures_after_the_end.json", "check", "2", "measuring starts at 500 s but the run ends at 120 s",
     js(challenged(measure_from_s=500.0)))
case("files/grading/measures_after_the_end_still_runs.json", "run --duration-s 5", "0", '"trace_hash"',
     js(challenged(measure_from_s=500.0)))
case("files/grading/both_webs_dead.json", "check", "1", "no request succeeded between 10 s and 120 s",
     js(challenged(max_error_ratio=None, max_latency_ms_p99=100.0,
                   faults=[{"at_us": 1, "node": 3, "action": "kill"}, {"at_us": 1, "node": 4, "action": "kill"}])))
case("files/grading/both_webs_dead_throughput_zero.json", "check", "1", "nothing to grade",
     js(challenged(max_error_ratio=None, min_throughput_rps=0.0,
                   faults=[{"at_us": 1, "node": 3, "action": "kill"}, {"at_us": 1, "node": 4, "action": "kill"}])))
cf = challenged(faults=[{"at_us": 5000000 + k, "node": 3, "action": "kill"} for k in range(5001)])
cf["faults"] = [{"at_us": 6000000 + k, "node": 4, "action": "restore"} for k in range(5000)]
case("files/grading/faults_past_the_cap_with_the_challenge.json", "check", "2",
     "10001 faults with the challenge's, at most 10000", js(cf))
case("files/grading/twelve_thousand_challenge_faults.json", "check", "2", "12000 faults with the challenge's",
     js(challenged(faults=[{"at_us": k, "node": 3, "action": "kill"} for k in range(12000)])))
for name, field, value, text in [
    ("error_ratio_above_one", "max_error_ratio", 1.5, "Most failed requests (share) must be from 0 to 1 (got 1.5)"),
    ("negative_latency", "max_latency_ms_p99", -1.0, "Highest p99 latency must be from 0 ms to 3600000 ms (got -1 ms)"),
    ("absurd_throughput", "min_throughput_rps", 1e308, "Lowest throughput must be from 0 req/s"),
    ("negative_measure_from", "measure_from_s", -5.0, "Measuring starts at must be from 0 s to 86400 s (got -5 s)"),
    ("negative_cost", "max_cost_per_hour", -0.01, "Highest cost must be from 0 USD/h"),
    ("job_delay_over_a_day", "max_job_delay_s", 1e6, "Longest job delay must be from 0 s to 86400 s (got 1000000 s)"),
]:
    case(f"files/grading/{name}.json", "check", "2", text, js(challenged(**{field: value})))
gone = challenged(faults=[{"at_us": 60000000, "node": 3, "action": "kill"}])
gone["nodes"] = [n_ for n_ in gone["nodes"] if n_["id"] != 3]
gone["edges"] = [e for e in gone["edges"] if 3 not in (e["from"], e["to"])]
case("files/grading/deleted_the_node_the_challenge_kills.json", "check", "1", "keep the node the challenge names",
     js(gone))
case("files/grading/no_challenge.json", "check", "2", "has no challenge to check", js(three_tier()))
case("files/grading/honest_pass.json", "check", "0", '"pass": true', js(challenged()))
case("files/grading/challenge_goal_is_html.json", "check", "0", "&lt;script&gt;" if False else '"goal": "<script>',
     js(challenged(goal="<script>alert(1)</script>")))

# --- 4. Loading: version, format, encoding ------------------------------------------------------------------------
base = js(three_tier(duration=2.0))
for name, v, shown in [("minus_one", "-1", "-1"), ("string", '"1"', '"1"'), ("float", "1.0", "1.0"),
                       ("null", "null", "null"), ("huge", "1e300", "1e+300"), ("object", '{"v":1}', '{"v":1}')]:
    case(f"files/load/version_{name}.json", "run", "2", f'must be a whole number such as 1 (it is {shown})',
         base.replace('"version":1', f'"version":{v}'))
case("files/load/version_missing.json", "run", "2", "(it is missing)", base.replace('"version":1,', ""))
case("files/load/version_99.json", "run", "2", "newer Scale Lab (format version 99", base.replace('"version":1', '"version":99'))
case("files/load/version_beyond_u32.json", "run", "2", "format version 4294967295",
     base.replace('"version":1', '"version":99999999999'))
case("files/load/format_missing.json", "run", "2", 'not a Scale Lab scenario (no "format": "scalelab")',
     base.replace('"format":"scalelab",', ""))
case("files/load/format_capitalized.json", "run", "2", "not a Scale Lab scenario", base.replace('"scalelab"', '"ScaleLab"'))
case("files/load/top_level_array.json", "run", "2", "not a Scale Lab scenario", "[" + base + "]")
case("files/load/not_json.json", "run", "2", "not a readable scenario file", "format: scalelab\n")
case("files/load/empty.json", "run", "2", "not a readable scenario file", "")
case("files/load/cut_in_half.json", "run", "2", "not a readable scenario file", base[: len(base) // 2])
case("files/load/byte_order_mark.json", "run", "0", '"trace_hash"', "\ufeff" + base)
case("files/load/two_byte_order_marks.json", "run", "2", "not a readable scenario file", "\ufeff\ufeff" + base)
case("files/load/utf16.json", "run", "2", "not UTF-8 text", base.encode("utf-16"))
case("files/load/latin1_label.json", "run", "2", "not UTF-8 text", base.replace("Users", "Us\u00e9rs").encode("latin-1"))
case("files/load/nested_ten_thousand_deep.json", "run", "2", "recursion limit",
     base[:-1] + ',"x":' + "[" * 10000 + "]" * 10000 + "}")
case("files/load/unknown_kind.json", "run", "2", "toaster", base.replace('"kind":"database"', '"kind":"toaster"'))
case("files/load/seed_too_big.json", "run", "2", "not a readable scenario file", base[:-1] + ',"seed":1e999}')
case("files/load/seed_negative.json", "run", "2", "not a readable scenario file", base[:-1] + ',"seed":-1}')
case("files/load/workers_fraction.json", "run", "2", "invalid type",
     base.replace('"kind":"database"', '"kind":"database","workers":4.5'))
case("files/load/node_id_negative.json", "run", "2", "not a readable scenario file", base.replace('"id":5', '"id":-5'))

# --- 5. Loading: what the editor refuses a file cannot hold -------------------------------------------------------
wrap = three_tier()
wrap["nodes"][3]["id"] = 4294967294
wrap["nodes"][4]["id"] = 4294967295
wrap["edges"] = [e for e in wrap["edges"] if e["to"] not in (4, 5) and e["from"] != 4]
case("files/editor_rules/ids_that_wrap.json", "run", "2", "node id 4294967294 is larger than 1000000000", js(wrap))
big_id = three_tier()
big_id["nodes"][0]["id"] = 1000000001
big_id["edges"][0]["from"] = 1000000001
case("files/editor_rules/id_just_past_the_limit.json", "run", "2", "node id 1000000001 is larger", js(big_id))
ok_id = three_tier(duration=2.0)
ok_id["nodes"][0]["id"] = 1000000000
ok_id["edges"][0]["from"] = 1000000000
case("files/editor_rules/id_at_the_limit.json", "run", "0", '"trace_hash"', js(ok_id))
dup = three_tier()
dup["nodes"][1]["id"] = 1
case("files/editor_rules/duplicate_ids.json", "run", "2", "two nodes have the id 1", js(dup))
dupe = three_tier()
dupe["edges"] += [{"from": 2, "to": 3}] * 5
case("files/editor_rules/duplicate_lb_edges.json", "run", "2",
     "node n2 is connected to node n3 more than once", js(dupe))
cl = three_tier()
cl["edges"] += [{"from": 1, "to": 2}] * 1501
case("files/editor_rules/client_edge_1502_times.json", "run", "2", "node n1 is connected to node n2 more than once",
     js(cl))
loop = three_tier()
loop["edges"].append({"from": 3, "to": 3})
case("files/editor_rules/self_loop.json", "run", "2", "node n3 is connected to itself", js(loop))
dang = three_tier()
dang["edges"].append({"from": 3, "to": 77})
case("files/editor_rules/dangling_edge.json", "run", "2", "refers to node n77, which is not in the scenario", js(dang))
fm = three_tier()
fm["faults"] = [{"at_us": 1000, "node": 77, "action": "kill"}]
case("files/editor_rules/fault_on_missing_node.json", "run", "2", "fault timeline refers to node n77", js(fm))
for name, axis, v, shown in [("x_1e308", "x", 1e308, "x = 1e308"), ("y_minus_1e308", "y", -1e308, "y = -1e308"),
                             ("x_just_off", "x", 1000000.5, "x = 1000000.5")]:
    d = three_tier()
    d["nodes"][2][axis] = v
    case(f"files/editor_rules/coordinate_{name}.json", "run", "2", f"node n3 is at {shown}, outside the canvas", js(d))
edge_ok = three_tier(duration=2.0)
edge_ok["nodes"][2]["x"] = -1000000.0
case("files/editor_rules/coordinate_on_the_edge.json", "run", "0", '"trace_hash"', js(edge_ok))
for name, ch, code in [("fffe", "\ufffe", "U+FFFE"), ("ffff", "\uffff", "U+FFFF"), ("newline", "\n", "U+000A"),
                       ("nul", "\u0000", "U+0000"), ("escape", "\u001b[31m", "U+001B"), ("fdd0", "\ufdd0", "U+FDD0"),
                       ("plane_16_noncharacter", "\U0010ffff", "U+10FFFF"), ("c1_control", "\u0085", "U+0085")]:
    d = three_tier()
    d["nodes"][2]["label"] = "Web" + ch + "1"
    case(f"files/editor_rules/label_{name}.json", "run", "2", f"label of node n3 contains {code}", js(d))
long_label = three_tier()
long_label["nodes"][2]["label"] = "x" * 61
case("files/editor_rules/label_61_chars.json", "run", "2", "label of node n3 is longer than 60 characters", js(long_label))
emoji = three_tier(duration=2.0)
emoji["nodes"][2]["label"] = "🚀" * 60
case("files/editor_rules/label_60_emoji.json", "run", "0", '"label": "' + "🚀" * 60, js(emoji))
html = three_tier(duration=2.0)
html["nodes"][2]["label"] = "<img src=x onerror=alert(1)>"
case("files/editor_rules/label_html.json", "run", "0", "<img src=x onerror=alert(1)>", js(html))
many = doc([node(i, "database") for i in range(501)])
case("files/editor_rules/501_nodes.json", "run", "2", "501 nodes, at most 500", js(many))
manye = three_tier()
manye["edges"] = [{"from": 1, "to": 2}] * 2001
case("files/editor_rules/2001_connections.json", "run", "2", "2001 connections, at most 2000", js(manye))
manyf = three_tier()
manyf["faults"] = [{"at_us": k, "node": 3, "action": "kill"} for k in range(10001)]
case("files/editor_rules/10001_faults.json", "run", "2", "10001 faults, at most 10000", js(manyf))

# --- 6. Settings and run length from the file -----------------------------------------------------------------------
for name, v, text in [("1e308", 1e308, "(got 1e308 s)"), ("zero", 0.0, "(got 0 s)"), ("negative", -1.0, "(got -1 s)")]:
    d = three_tier(duration=v)
    case(f"files/settings/duration_{name}.json", "run", "2", "cannot run:\n  Run length must be from 1 s to 86400 s " + text,
         js(d))
case("files/settings/duration_not_blamed_on_flag.json", "run", "2", "Run length must be from 1 s",
     js(three_tier(duration=1e308)))
case("files/settings/flag_duration_too_long.json", "run --duration-s 1e9", "2", "--duration-s: Run length must be",
     js(three_tier()))
case("files/settings/flag_duration_words.json", "run --duration-s soon", "2", "--duration-s must be a number",
     js(three_tier()))
case("files/settings/flag_seed_negative.json", "run --seed -1", "2", "--seed must be a whole number", js(three_tier()))
case("files/settings/arrival_rate_1e308.json", "run", "2", "Users (n1): Arrival rate must be from 0 req/s to 1000000 req/s (got 1e308 req/s)",
     js(three_tier(rate=1e308)))
case("files/settings/arrival_rate_negative.json", "run", "2", "(got -3 req/s)", js(three_tier(rate=-3.0)))
hop = three_tier()
hop["hop_latency_us"] = 1000000000
case("files/settings/hop_latency_huge.json", "run", "2", "Hop latency inside the data center must be from 0", js(hop))
w0 = three_tier()
w0["nodes"][2]["config"]["workers"] = 0
case("files/settings/workers_zero.json", "run", "2", "Web 1 (n3): Workers must be from 1 to 4096 (got 0)", js(w0))
case("files/settings/no_client.json", "run", "2", "Add a Client", js(doc([node(1, "database")])))
bad_edge = three_tier()
bad_edge["edges"].append({"from": 5, "to": 3})
case("files/settings/database_to_web.json", "run", "2", "A database cannot send requests to a web server", js(bad_edge))
two_entries = three_tier()
two_entries["edges"].append({"from": 1, "to": 3})
case("files/settings/client_two_entry_points.json", "run", "2", "connected to 2 entry points", js(two_entries))
cycle = three_tier()
cycle["edges"].append({"from": 3, "to": 2})
case("files/settings/loop.json", "run", "2", "part of a loop of connections", js(cycle))

# --- 7. Links: decoded as the app does, then validated (outcome: error, issue or ok) --------------------------------
def link_case(name, expect, text, data):
    case(f"links/{name}.link", "link", expect, text, data)


good = three_tier(duration=5.0)
link_case("valid_document", "ok", "", link(good))
link_case("valid_preset", "ok", "", "#t/three_tier")
link_case("bytes_after_checksum", "error", "This link is damaged", link(good, tail=b"appended"))
link_case("one_byte_after_checksum", "error", "This link is damaged", link(good, tail=b"\x00"))
link_case("twenty_clients_million_keys", "issue", MEMORY, link(bulky_clients(20)))
link_case("twenty_clients_million_keys_blamed", "issue", "Users 1 (n10): Users 1000000 takes about",
          link(bulky_clients(20)))
link_case("million_rps_for_a_day", "issue", WORK, link(three_tier(1000000.0, 86400.0)))
link_case("ten_thousand_reshards", "issue", "Faults on this node 10000", link(doc(shard, she, faults=faults)))
lbl = three_tier()
lbl["nodes"][2]["label"] = "Web\ufffe"
link_case("label_fffe", "error", "contains U+FFFE", link(lbl))
far = three_tier()
far["nodes"][2]["x"] = 1e308
link_case("coordinate_1e308", "error", "outside the canvas", link(far))
link_case("duplicate_edges", "error", "more than once", link(dupe))
link_case("ids_that_wrap", "error", "larger than 1000000000", link(wrap))
link_case("version_minus_one", "error", "(it is -1)", link(base.replace('"version":1', '"version":-1')))
link_case("version_string", "error", '(it is "1")', link(base.replace('"version":1', '"version":"1"')))
link_case("byte_order_mark_inside", "ok", "", link("\ufeff" + base))
link_case("measures_after_the_end", "warning", "nothing would be measured", link(challenged(measure_from_s=500.0)))
link_case("challenge_error_ratio", "issue", "Challenge: Most failed requests", link(challenged(max_error_ratio=2.0)))
link_case("challenge_faults_past_the_cap", "error", "faults with the challenge's", link(cf))
link_case("not_a_scenario", "error", "not a Scale Lab scenario", link('{"hello":"world"}'))
link_case("newer_link_version", "error", "made by a newer Scale Lab (link version 2", "d2." + link(good)[3:])
link_case("link_version_zero", "error", "does not look like a Scale Lab scenario link", "d0." + link(good)[3:])
link_case("link_version_leading_zero", "error", "does not look like", "d01." + link(good)[3:])
full = link(good)
link_case("cut_in_half", "error", "incomplete", full[: len(full) // 2])
flip = list(full)
flip[len(flip) * 2 // 3] = "A" if flip[len(flip) * 2 // 3] != "A" else "B"
link_case("one_character_changed", "error", "", "".join(flip))
link_case("plus_sign", "error", "characters a Scale Lab link never has", full[:20] + "+" + full[20:])
link_case("percent_escaped", "error", "characters a Scale Lab link never has", full[:20] + "%2B" + full[20:])
bomb = "d1." + base64.urlsafe_b64encode(zlib.compress(b" " * (3 * 1024 * 1024), 9)).decode().rstrip("=")
link_case("decompression_bomb", "error", "larger than Scale Lab opens from a link (more than 1024 KiB)", bomb)
link_case("unknown_preset", "error", 'a built-in scenario called "../../etc/passwd"', "#t/../../etc/passwd")
link_case("script_preset", "error", "<script>", "#t/<script>alert(1)</script>")
link_case("empty", "error", "nothing follows the #", "#   ")
link_case("javascript_scheme", "error", "does not look like a Scale Lab scenario link", "javascript:alert(1)")

# --- 8. Host messages (embed protocol) -------------------------------------------------------------------------------
def msg(name, expect, text, data):
    case(f"messages/{name}.json", "message", expect, text, data)


msg("load", "ok", "Load", '{"source":"scalelab","version":1,"type":"load","link":"t/cache"}')
msg("other_source", "error", "not for Scale Lab", '{"source":"other","version":1,"type":"run"}')
msg("newer_version", "error", "version missing or newer", '{"source":"scalelab","version":2,"type":"run"}')
msg("unknown_type", "error", "unknown message type", '{"source":"scalelab","version":1,"type":"get-autosave"}')
msg("load_without_link", "error", "field “link”", '{"source":"scalelab","version":1,"type":"load","link":7}')
msg("array", "error", "not a JSON object", "[1,2,3]")
msg("too_large", "error", "over 307200 bytes",
    '{"source":"scalelab","version":1,"type":"load","link":"' + "A" * 310000 + '"}')
msg("bad_theme", "error", "field “theme”", '{"source":"scalelab","version":1,"type":"set-theme","theme":"<b>"}')


# H5P resizer messages (read only with ?host=h5p): the four actions a host sends, and everything else ignored.
def h5p(name, expect, text, data):
    case(f"messages/h5p_{name}.json", "h5p", expect, text, data)


h5p("resize_prepared", "ok", "ResizePrepared", '{"context":"h5p","action":"resizePrepared"}')
h5p("hello_with_extras", "ok", "Hello", '{"context":"h5p","action":"hello","scrollHeight":"<b>","x":[1]}')
h5p("frame_action", "ignored", "", '{"context":"h5p","action":"prepareResize"}')
h5p("unknown_action", "ignored", "", '{"context":"h5p","action":"explode"}')
h5p("other_context", "ignored", "", '{"context":"h5p-other","action":"hello"}')
h5p("action_not_text", "ignored", "", '{"context":"h5p","action":{"x":1}}')
h5p("too_large", "ignored", "", '{"context":"h5p","action":"hello","pad":"' + "A" * 5000 + '"}')
h5p("scalelab_message", "ignored", "", '{"source":"scalelab","version":1,"type":"run"}')

# --- 9. Pictures and dropped files (the app's import) -----------------------------------------------------------------
def pic(name, expect, text, data):
    case(f"pictures/{name}", "file", expect, text, data)


pic("svg_with_good_link.svg", "ok", "", f'<svg xmlns="http://www.w3.org/2000/svg"><metadata id="scalelab-link">{link(good)}</metadata></svg>')
pic("svg_with_appended_bytes.svg", "error", "This link is damaged",
    f'<svg xmlns="http://www.w3.org/2000/svg"><metadata id="scalelab-link">{link(good, b"xx")}</metadata></svg>')
pic("svg_without_scenario.svg", "error", "no Scale Lab scenario inside", '<svg xmlns="http://www.w3.org/2000/svg"></svg>')
pic("svg_metadata_unclosed.svg", "error", "no Scale Lab scenario inside",
    '<svg><metadata id="scalelab-link">d1.abc')
pic("json_with_bom.json", "ok", "", "\ufeff" + base)
pic("json_with_wrapped_ids.json", "error", "larger than 1000000000", js(wrap))
pic("png_cut.png", "error", "damaged", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
pic("gif.gif", "error", "not a Scale Lab scenario", b"GIF89a\x01\x00\x01\x00")

with open(os.path.join(HERE, "cases.tsv"), "w", encoding="utf-8") as f:
    f.write("# path\thow\texpect\ttext (a fragment of the message; \\n is a line break)\n")
    for path, how, expect, text in CASES:
        f.write(f"{path}\t{how}\t{expect}\t{text.replace(chr(10), chr(92) + 'n')}\n")
print(f"{len(CASES)} cases")
