# Scale Lab，简体中文。键与 en.ftl 相同（tests/tidy.rs 会检查），另加课程与挑战的译文；英文原文在核心代码里
# （lesson-<步骤>、challenge-<步骤>、preset-<步骤>）。
# 术语：load balancer = 负载均衡器；health check = 健康检查；SPOF = 单点故障；throughput = 吞吐量；
# request = 请求；node = 节点；replica = 副本；cache = 缓存；shard = 分片。

## Language switch
lang-label = 语言

## Top bar
new-system-name = 新系统
topbar-scenario = 场景
topbar-own-design = 你自己的设计
topbar-preset-title = 载入内置场景
topbar-new = 新建
topbar-new-title = 从空白画布开始
topbar-undo = 撤销
topbar-undo-title = 撤销 (Ctrl+Z)
topbar-redo = 重做
topbar-redo-title = 重做 (Ctrl+Shift+Z)
topbar-run-group = 运行
topbar-run = 运行
topbar-resume = 继续
topbar-run-title = 运行 (R)
topbar-pause = 暂停
topbar-pause-title = 暂停 (R)
topbar-step = 单步
topbar-step-title = 模拟时间前进一秒
topbar-reset = 重置
topbar-reset-title = 回到零时刻
topbar-speed = 速度
topbar-speed-title = 速度：每个真实秒内模拟的秒数
topbar-of-duration = { " " }/ { $seconds } 秒
topbar-behind = 模拟慢于真实时间
topbar-behind-title = 在这个速度下，浏览器模拟不了这么多每秒请求；模拟时间比设定的速度走得慢。
topbar-finished = 已结束
topbar-share-group = 分享
topbar-chapter = 章节
topbar-chapter-title = 本章，一步一步来
topbar-share = 分享
topbar-share-title = 链接、嵌入代码和文件
topbar-open-full = 在完整版中打开 ↗
theme-light = 主题：浅色（点击切换）
theme-dark = 主题：深色（点击切换）
theme-system = 主题：跟随系统（点击切换）
seed = 种子
seed-title = 种子相同，运行结果就相同：模拟中的每个随机选择都由它决定
seed-new = 新种子
seed-new-title = 随机换一个种子
close = 关闭

## Chapter and lessons
chapter-title = 从一台服务器到百万用户
chapter-explain = 每一步都给设计加上一个新想法。打开一步，运行它，再用它的实验把它弄坏。
chapter-passed-sr = 已通过挑战：
chapter-challenge-tag = 挑战
at-hand-label = 对 { $name } 的操作
at-hand-title = 破坏或修复 { $name }
at-hand-more = 它的设置和数据 ↓
at-hand-edge = 连接 { $name }
at-hand-edge-more = 经过它的流量和它的延迟 ↓
experiment-no-node = 这个图里已经没有名为“{ $name }”的节点了。
experiment-missing = 这个图里没有名为“{ $name }”的节点
lesson-step-of = 第 { $n } 步，共 { $total } 步
lesson-passed = { " " }· ✓ 已通过挑战
lesson-watch = 观察：
lesson-experiments = 实验
lesson-previous = ← 上一步
lesson-all-steps = 全部步骤
lesson-next = 下一步 →
challenge-heading = 挑战
challenge-problems-first = 这个图有 { $count } 个问题需要先解决（见“问题”）。
challenge-readonly = 完成挑战需要修改设计，而这个页面处于课程模式。
challenge-readonly-link = 在完整版中打开再试 ↗
challenge-check = 检查我的设计
challenge-check-hint = 带着挑战中的故障运行整个场景，然后评分。
challenge-simulating = 模拟中… { $percent }
verdict-pass = ✓ 通过
verdict-fail = ✗ 未通过
verdict-passed = 通过：你的设计达到了挑战要求。
verdict-not-yet = 还没有：看看哪里没达标。
verdict-measured = 统计区间：模拟时间第 { $from } 秒到第 { $to } 秒。

## Share dialog
share-title = 分享这个场景
sweep-title = 负载扫描
embed-language = 语言
embed-language-reader = 跟随读者

## Presets (English in the core: presets.rs)
preset-single_server = 单台服务器
preset-separate_db = Web 服务器和数据库各用一台机器
preset-three_tier = 负载均衡器 + 两台 Web 服务器 + 数据库
preset-replication = 主数据库加只读副本
preset-cache = 数据库前的缓存
preset-cdn = 用 CDN 分发静态文件
preset-stateless = 无状态 Web 层加会话存储
preset-two_regions = 两个数据中心加 GeoDNS
preset-queue = 消息队列和工作进程
preset-sharding = 按用户 ID 分片
preset-millions = 百万用户：全部组合起来

## Lessons (English in the core: scenario/lessons.rs; x-N = experiment N)
lesson-single_server = 从一台服务器开始
    .explain-1 = 用户的浏览器先向 DNS 查询网站的地址，然后把请求发给同一台机器；这台机器既运行 Web 应用，也运行数据库。
    .explain-2 = 这是能工作的最简单方案，但它会以两种方式失败：它最大只能做到一台机器那么大（垂直扩展有上限）；而这台机器一旦宕机，整个网站也就没了。
    .watch = 服务器的利用率条和 p99 延迟。把用户的请求速率调高，直到队列开始变长。
    .x-1-title = 让服务器宕机
    .x-1-expect = 所有请求都失败了：没有别的机器能应答。
lesson-separate_db = 让数据库拥有自己的机器
    .explain-1 = 现在 Web 流量和数据库运行在不同的服务器上，每一层都能单独选择规格，谁也不会抢光对方的 CPU。
    .explain-2 = 但它仍然很脆弱：两台机器中任何一台都是单点故障（画布上两台都标着 SPOF）。
    .watch = 两台机器的利用率，以及 SPOF 标记。
    .x-1-title = 让数据库宕机
    .x-1-expect = Web 服务器还在运行，但每个需要数据的请求都失败了。
    .x-2-title = 让 Web 服务器宕机
    .x-2-expect = 数据库空闲而且健康，网站却照样打不开。
lesson-three_tier = 在负载均衡器后面水平扩展 Web 层
    .explain-1 = 用户访问负载均衡器的公网地址，由它把请求分发给私有网络里的两台 Web 服务器。要承载更多流量，就再加服务器（水平扩展）。
    .explain-2 = 一台 Web 服务器宕机后，负载均衡器还会继续把请求发给它，直到它的健康检查连续失败几次为止。这些请求都会失败：检查间隔越短，失败的请求越少。
    .watch = 宕机之后按原因分类的错误，以及它们多久才停止（这取决于健康检查）。
    .x-1-title = 让 Web 1 宕机
    .x-1-expect = 先出现一小阵“节点宕机”错误，随后 Web 2 承担全部流量。
    .x-2-title = 恢复 Web 1
    .x-2-expect = Web 1 通过健康检查后，会重新分到流量。
    .x-3-title = 让数据库宕机
    .x-3-expect = 两台 Web 服务器也无济于事：唯一的数据库仍然是单点故障。

## Challenges (English in the core: scenario/challenges.rs)
challenge-single_server = 只用一台服务器（选一个更大的规格），每秒处理 1,000 个请求，且 p99 低于 300 毫秒。
challenge-separate_db = 流量增长到每秒 1,500 个请求（在 Users 节点上设置）。处理这些流量时，p99 要低于 150 毫秒，错误率低于 0.1%，每小时成本低于 0.60 美元（提示：找出最忙的那台机器，只升级那一层）。
challenge-three_tier = Web 1 将在第 60 秒崩溃。在每秒 600 个请求下，让错误率保持在 0.5% 以下，p99 低于 150 毫秒（提示：负载均衡器要多久才能发现？）。
