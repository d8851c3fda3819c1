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
    .explain-2 = 一台 Web 服务器宕机后，负载均衡器还会继续把请求发给它，直到它的健康检查连续失败几次为止。这些请求都会失败：检查间隔越短，失败的请求越少。给 Web 服务器设定平均故障间隔时间（MTBF）和修复时间（MTTR）：每台服务器的可用时间占比是 MTBF/(MTBF + MTTR)，而网站只需其中一台在线，可用性就是 1 − (1 − a)²（即本次运行的可用性，用“几个 9”表示）。
    .explain-3 = 由算法决定谁来等待。随机和轮询（round robin）不看服务器有多忙；最少连接（least connections）挑最空闲的一台；二选一（power of two choices，P2C）随机问两台服务器，挑较闲的那台，不必比较所有服务器，效果却几乎一样好。十六台单 worker 服务器、90% 负载、每个请求 10 毫秒：随机 98 毫秒，轮询 55 毫秒，P2C 28 毫秒，最少连接 16 毫秒。
    .watch = 宕机之后按原因分类的错误，以及它们多久才停止（这取决于健康检查）。
    .x-1-title = 让 Web 1 宕机
    .x-1-expect = 先出现一小阵“节点宕机”错误，随后 Web 2 承担全部流量。
    .x-2-title = 恢复 Web 1
    .x-2-expect = Web 1 通过健康检查后，会重新分到流量。
    .x-3-title = 让数据库宕机
    .x-3-expect = 两台 Web 服务器也无济于事：唯一的数据库仍然是单点故障。

lesson-replication = 复制数据库
    .explain-1 = 主库接收所有写入，并把它们发送给只读副本，由副本来处理读请求。大多数网站的读远多于写，所以副本既增加了读取能力，也保存了数据的副本。
    .explain-2 = 这里的复制是异步的：副本会落后于主库。主库宕机后，写入会一直失败，直到故障转移超时；然后数据最新的副本被提升为主库——它还没收到的那些写入就丢失了。
    .watch = 副本上的复制延迟；宕机之后，事件日志里的提升记录以及丢失的写入。
    .x-1-title = 让主库宕机
    .x-1-expect = 写入失败，一个副本被提升为主库，日志会告诉你有多少已确认的写入丢失了。
    .x-2-title = 让 Replica 1 宕机
    .x-2-expect = 读请求转到另一个副本；什么都没有丢失。
lesson-cache = 在数据库前面加一层缓存
    .explain-1 = 少数数据被请求的次数远远多于其他数据。读穿透缓存把它们放在内存里：命中时不用访问数据库；未命中时读数据库，并留一份副本供下次使用，直到 TTL 过期或被淘汰（LRU、LFU 或 FIFO）。
    .explain-2 = 缓存掩盖了数据库的真实负载：一旦清空缓存，未命中的请求就会全部落到数据库上，直到缓存重新预热。而且，所有请求都要经过的缓存又是一个单点故障（画布上有标记）。
    .watch = 缓存命中率图表；清空缓存前后数据库的利用率。
    .x-1-title = 清空缓存
    .x-1-expect = 命中率先下降，几秒内又回升，最热门的数据最先恢复；在此期间，未命中的请求都由数据库承担。
    .x-2-title = 让缓存宕机
    .x-2-expect = 所有请求都失败了：Web 服务器只能通过缓存访问数据库，所以缓存也是单点故障。

## Challenges (English in the core: scenario/challenges.rs)
challenge-single_server = 只用一台服务器（选一个更大的规格），每秒处理 1,000 个请求，且 p99 低于 300 毫秒。
challenge-separate_db = 流量增长到每秒 1,500 个请求（在 Users 节点上设置）。处理这些流量时，p99 要低于 150 毫秒，错误率低于 0.1%，每小时成本低于 0.60 美元（提示：找出最忙的那台机器，只升级那一层）。
challenge-three_tier = Web 1 将在第 60 秒崩溃。在每秒 600 个请求下，让错误率保持在 0.5% 以下，p99 低于 150 毫秒（提示：负载均衡器要多久才能发现？）。
challenge-replication = 主库将在第 60 秒宕机。不能丢失任何已确认的写入，并把错误率保持在 2% 以下。
challenge-cache = 流量增至三倍，达到每秒 3,600 个请求（在 Users 节点上设置）。让 p99 低于 150 毫秒、错误率低于 0.1%，且每小时成本低于 1.20 美元。给 Web 层配足所需的工作线程；换更大的数据库会超出预算，所以要让缓存承担更多读请求（提示：调整它的大小和 TTL）。

## Notices
notice-lesson-mode-files = 这个页面处于课程模式：要载入文件，请在完整版中打开。
notice-run-reset = 你修改了图，所以这次运行已重置。按“运行”重新开始。
notice-dismiss = 关闭提示
update-ready = Scale Lab 有新版本了。
update-reload = 重新加载

## Palette
palette-heading = 组件
palette-hint = 拖到画布上，或点击添加。从节点上的圆点拖出连线即可连接。
palette-add = 添加{ $kind }：{ $explanation }
kind-client = 客户端
    .explain = 发送请求的用户（浏览器、手机应用），所有流量的来源。
kind-dns = DNS
    .explain = 把域名解析成 IP 地址。客户端会在记录的 TTL 内缓存这个应答。
kind-load_balancer = 负载均衡器
    .explain = 把请求分发给后面的 Web 服务器，并停止向健康检查失败的服务器发送请求。
kind-web_server = Web 服务器
    .explain = 运行应用程序。固定数量的工作线程处理请求，其余请求在有上限的队列中等待。
kind-database = 数据库
    .explain = 存储数据。读和写都要占用查询线程，其余的在队列中等待。
kind-cache = 缓存
    .explain = 在数据库前把热点数据放在内存里：命中时不用访问数据库；未命中时读数据库，并保留一份副本，直到条目被淘汰或过期。
kind-replica = 只读副本
    .explain = 连接它的那个数据库的只读副本。读请求分散到各个副本；写请求发往主库，经过复制延迟后才到达副本。主库宕机时，数据最新的副本会被提升为主库。
kind-session_store = 会话存储
    .explain = 把每个用户的登录会话放在一个共享的地方，这样任何 Web 服务器都能服务任何用户（无状态 Web 层）。它一旦宕机，所有人都会被登出。
kind-message_queue = 消息队列
    .explain = Web 服务器把耗时的任务发布到这里并立即应答；工作进程稍后再取走这些任务。积压的任务能吸收流量高峰和工作进程的故障。
kind-workers = 工作进程
    .explain = 从连接它们的消息队列中取出任务并处理。积压增长时可以水平扩展。
kind-shard_router = 分片路由器
    .explain = 把数据分散到与它相连的各个数据库（分片）上：每个用户 ID 属于一个分片。增加分片时，一部分键会迁移过去。
kind-cdn = CDN
    .explain = 把静态文件（图片、脚本）复制到离用户近的服务器上：用户访问更快，你的服务器负载更低。未命中时从源站获取文件。

## Node actions, selection strip, context menu, canvas tools
actions-group = 破坏或修复这个节点
action-blocked = 先解决“问题”中列出的问题，然后再试一次。
action-kill = 宕机
    .title = 立刻停止这个节点，就像它的机器崩溃了一样
action-restore = 恢复
    .title = 重新启动这个节点
action-purge = 清除
    .title = 清除所有边缘节点：每个文件都要重新从源站获取
action-flush = 清空
    .title = 丢弃所有缓存条目：接下来的读取全部未命中
action-deploy = 发布新文件
    .title = 在源站发布静态文件的新版本
action-add-shard = 增加分片
    .title = 开始使用下一个已连接的数据库；迁移的键会被复制过去
action-remove-shard = 移除分片
    .title = 停用最后一个分片；它的键迁移到其他分片
action-region-outage = 数据中心故障
    .title = 让这个节点所在数据中心的所有服务器宕机
action-region-restore = 数据中心恢复
    .title = 让这个数据中心恢复运行
zoom = 缩放
zoom-out = 缩小
zoom-out-title = 缩小 (Ctrl −)
zoom-in = 放大
zoom-in-title = 放大 (Ctrl +)
zoom-reset-title = 恢复到 100% (Ctrl 0)
zoom-fit = 适应
zoom-fit-title = 显示整个图 (Shift 1)
grid = 网格
grid-title = 让节点对齐网格
shortcuts = 键盘快捷键
shortcuts-title = 键盘快捷键和手势 (?)
more-actions = 更多操作
more-actions-title = 更多操作（在节点上右键、长按或按 Shift+F10）
selection = 选择
selection-count = { $count } 个节点
duplicate = 复制
duplicate-title = 复制 (Ctrl D)
delete = 删除
delete-title = 删除 (Del)
selection-edge-hint = 经过它的流量在检查器里。
selection-hint = 选择一个节点来破坏或修复它
selection-hint-more = ：宕机、恢复以及它特有的故障。右键或长按也可以。
menu-connect = 连接到…
cheatsheet-title = 快捷键和手势
cheatsheet-close = 关闭 (Esc)
share-tab-link = 链接
share-tab-embed = 嵌入
share-tab-files = 文件
copy = 复制
copied = 已复制 ✓
copy-title = 复制到剪贴板
copy-select-title = 选中文字后按 Ctrl+C 复制
share-link-explain = 链接里包含整个场景——图、设置、种子和你点击触发的故障——所以打开它的人会看到完全相同的运行。
share-link-label = 这个场景的链接
share-link-short = 未改动的内置场景：链接很短。
share-link-length = 压缩后 { $count } 个字符。
share-link-too-long = 这个场景太大，放不进链接；请改为以文件分享（“文件”标签页）。
embed-explain = 把这段代码粘贴到课程页面里，读者就能在页面上直接运行这个场景，并把它弄坏。
embed-readonly = 课程模式（不可编辑）
embed-autoplay = 立即开始运行
embed-theme = 主题
embed-theme-reader = 跟随读者
embed-theme-light = 浅色
embed-theme-dark = 深色
embed-show = 显示
embed-show-both = 图和图表
embed-show-canvas = 只显示图
embed-show-charts = 只显示图表
embed-host = 成绩发送到
embed-width = 宽度
embed-height = 高度
embed-code-label = 嵌入代码
files-explain = 导出的图片里保存着场景：把导出的 SVG 或 PNG 拖到页面上，就能重新打开它。
files-json = 下载 JSON
files-svg = 下载 SVG
files-png = 下载 PNG
files-open = 打开文件（Scale Lab 导出的 JSON、SVG 或 PNG）：

## Metrics and charts
metrics = 指标
metrics-throughput = 吞吐量
metrics-p95 = p95 延迟
metrics-p95-title = 最近一秒内成功的请求中，每 100 个有 95 个比这更快
metrics-errors = 错误率
metrics-cost = 成本
metrics-cost-title = 所有节点加起来的成本（价格表见文档）
metrics-totals = 已发送 { $sent } · 成功 { $ok } · 失败 { $failed } · 处理中 { $flight }
charts = 图表
charts-to-show = 要显示的图表
causes = 请求失败的原因
cause-count = { $cause } { $count } 个
chart-throughput = 吞吐量
chart-latency = 延迟
chart-errors = 按原因分类的错误
chart-cache-hit = 缓存命中率
chart-cdn-hit = CDN 命中率
chart-replication-lag = 复制延迟
chart-queue-backlog = 队列积压
chart-cost = 成本
chart-empty = 运行后显示数据
chart-tip-rewind = { " " }· 点击回退到这里
chart-aria = { $title }图表，单位：{ $unit }。用左右方向键读取数值。
chart-aria-rewind = { $title }图表，单位：{ $unit }。用左右方向键读取数值，按回车键把运行回退到那一秒。
unit-req-per-s = 请求/秒
unit-ms = 毫秒
unit-percent = %
unit-writes = 次写入
unit-jobs = 个任务
unit-usd-per-hour = 美元/小时
series-completed = 已完成
    .help = 每秒成功应答的请求数
series-p50 = p50
    .help = 一半的请求比这更快
series-p95 = p95
    .help = 每 100 个请求中有 95 个比这更快
series-p99 = p99
    .help = 每 100 个请求中最慢的那个至少用了这么久
series-no-errors = 没有错误
    .help = 最近一分钟内没有请求失败
series-cache-hit = 命中率
    .help = 在内存中找到数据的缓存查询所占比例
series-cdn-hit = 命中率
    .help = CDN 边缘节点无需回源就能应答的静态文件请求所占比例
series-waiting-jobs = 等待中的任务
    .help = 已发布但还没被工作进程取走的任务
series-writes-behind = 落后的写入
    .help = 主库已发给某个只读副本、但副本还没应用的写入数的最大值：从该副本读取时看不到这些写入
series-cost = 成本
    .help = 所有节点加起来的成本；自动扩缩容会改变它
cause-node_down = 节点宕机
    .explain = 请求被发往一个已宕机的节点。负载均衡器会一直这样做，直到健康检查发现为止。
cause-no_healthy_backend = 没有健康的后端
    .explain = 负载均衡器后面的所有服务器都被标记为不健康。
cause-queue_full = 队列已满
    .explain = 到达的请求超过了工作线程能处理、队列能容纳的数量。
cause-timeout = 超时
    .explain = 请求在 Web 服务器上等得太久，放弃了。
cause-logged_out = 已登出
    .explain = 用户的会话不在这里：它存放在另一台服务器上（没有粘性会话），或者在它的服务器或会话存储宕机时丢失了。用户只好重新登录。

## Inspector
inspector = 检查器
inspector-selected = 已选择 { $count } 个节点
inspector-health = 状态
inspector-utilization = 利用率
inspector-queue = 队列
inspector-completed-failed = 完成 / 失败
inspector-kill-hint = 让一个节点宕机，看看系统如何应对（需要时会自动开始运行）。在节点上右键或长按也能找到这些操作。
inspector-settings = 设置
inspector-sends-to = 请求发往
inspector-sends-none = 还没有：从节点右侧的圆点拖出连线。
inspector-remove = 移除
inspector-remove-title = 移除这条连接
inspector-region = 数据中心

## Chart chips, request dots, event log, outline
chip-throughput = 吞吐量
chip-latency = 延迟
chip-errors = 错误
chip-cache-hits = 缓存命中
chip-cdn-hits = CDN 命中
chip-replica-lag = 副本延迟
chip-queue = 队列
chip-shard-load = 分片负载
chip-cost = 成本
chip-shown = { $chart }已显示在下方
chip-show = 显示{ $chart }
chart-sim-time = 模拟时间 { $seconds } 秒
dots = 请求圆点
dots-title = 把请求画成沿连接移动的圆点（流量大时只画一部分样本）
dots-legend = 圆点形状：圆形为读，方形为写，三角形为静态文件，菱形为任务；带叉的红色表示失败
dots-read = 读
dots-write = 写
dots-static = 静态
dots-job = 任务
dots-failed = 失败
dots-reduced = 减少动态效果：只显示连接上的速率
event-log = 事件日志
event-log-empty = 运行时，宕机、检测和恢复会显示在这里。点击一条即可选中对应的节点。
outline = 大纲

## Settings (English in the core: model/field.rs, model/config/; by the setting's name, $kind = the node's kind)
setting-arrival_rate_per_s = 到达速率
setting-read_fraction = 读请求占比
setting-users = 用户数
setting-key_count = 不同键的数量
setting-alpha = Zipf 指数
setting-rtt_ms = 网络往返时间
setting-job_fraction = 触发后台任务的请求占比
setting-job_time_ms = 任务处理时间（平均）
setting-celebrity_keys = 明星键数量
setting-celebrity_share = 访问明星键的请求占比
setting-static_fraction = 静态文件（图片、脚本）请求占比
setting-static_assets = 不同静态文件的数量
setting-key_distribution = 键的热度分布
choice-key_distribution-zipf = Zipf（偏斜）
choice-key_distribution-uniform = 均匀
setting-resolution_ms = 解析时间
setting-ttl_s = { $kind ->
    [dns] 记录 TTL
    [cdn] 文件 TTL（0 = 直到清除）
   *[other] 条目 TTL（0 = 永不过期）
}
setting-health_check_interval_s = GeoDNS 健康检查间隔
setting-geo_routing = 把用户导向最近的健康数据中心（GeoDNS）
choice-geo_routing-no = 否
choice-geo_routing-yes = 是
setting-capacity_assets = 每个边缘节点保存的文件数
setting-edge_rtt_ms = 用户 ↔ 最近边缘节点的往返时间
setting-origin_latency_ms = 边缘节点 → 源站延迟（单程）
setting-versioned_urls = 文件名带版本号
choice-versioned_urls-no = 否
choice-versioned_urls-yes = 是
setting-health_check_interval_ms = 健康检查间隔
setting-unhealthy_threshold = 判定为不健康前的失败次数
setting-healthy_threshold = 判定为健康前的通过次数
setting-algorithm = 算法
choice-algorithm-round_robin = 轮询（round robin）
choice-algorithm-random = 随机
choice-algorithm-least_connections = 最少连接
choice-algorithm-ip_hash = IP 哈希
choice-algorithm-sticky_sessions = 粘性会话（cookie）
choice-algorithm-p2c = 二选一（P2C）
setting-workers = { $kind ->
    [database] 查询线程数
    [replica] 查询线程数
   *[other] 工作线程数
}
setting-service_time_ms = 服务时间（平均）
setting-queue_capacity = 队列容量
setting-timeout_ms = 超时时间
setting-min_instances = 实例数（最少）
setting-max_instances = 实例数（最多，自动扩缩容）
setting-target_utilization = 自动扩缩容的目标利用率
setting-warm_up_s = { $kind ->
    [workers] 新工作进程就绪需要
   *[other] 新实例就绪需要
}
setting-cooldown_s = 两次扩缩容之间的冷却时间
setting-mtbf_s = 随机故障的平均间隔时间（0 = 从不）
setting-mttr_s = 随机故障的平均修复时间
setting-service_distribution = { $kind ->
    [web_server] 服务时间分布
   *[other] 查询时间分布
}
choice-service_distribution-exponential = 指数分布
choice-service_distribution-constant = 固定值
setting-embedded_database = 同时运行数据库
choice-embedded_database-no = 否
choice-embedded_database-yes = 是
setting-instance_size = 实例规格
choice-instance_size-small = small：2 vCPU，线程 ×1
choice-instance_size-medium = medium：4 vCPU，线程 ×2
choice-instance_size-large = large：8 vCPU，线程 ×4
choice-instance_size-xlarge = xlarge：16 vCPU，线程 ×8
choice-instance_size-2xlarge = 2xlarge：32 vCPU，线程 ×16（最大）
setting-sessions = 用户会话保存在
choice-sessions-none = 不需要登录
choice-sessions-in_memory = 这台服务器的内存里（有状态）
choice-sessions-session_store = 共享的会话存储里（无状态）
setting-lookup_time_ms = 查找时间（平均）
setting-capacity_entries = 容量
setting-eviction = 淘汰策略
choice-eviction-lru = LRU（最近最少使用）
choice-eviction-lfu = LFU（最不经常使用）
choice-eviction-fifo = FIFO（先进先出）
setting-write_policy = 写入时
choice-write_policy-invalidate = 使条目失效
choice-write_policy-write_through = 直写（更新条目）
choice-write_policy-nothing = 不处理（会读到旧数据）
setting-refresh_ttl_on_hit = 命中时重置 TTL
choice-refresh_ttl_on_hit-no = 否
choice-refresh_ttl_on_hit-yes = 是
setting-virtual_nodes = 每个分片的虚拟节点数
setting-active_shards = 开始时使用的分片数（0 = 所有已连接的）
setting-migration_keys_per_s = 重新分片的迁移速度
setting-strategy = 分片策略
choice-strategy-consistent_hashing = 一致性哈希（虚拟节点）
choice-strategy-modulo = hash(用户 id) mod 分片数
choice-strategy-range = 按用户 id 范围
setting-read_time_ms = 读查询时间（平均）
setting-write_time_ms = 写查询时间（平均）
setting-replication_lag_ms = 复制延迟（平均）
setting-failover_timeout_s = 主库宕机多久后故障转移
setting-provision_delay_s = 新副本就绪需要
setting-replication = 到只读副本的复制方式
choice-replication-asynchronous = 异步（写入快，可能丢失一些）
choice-replication-semi_synchronous = 半同步（写入较慢，不丢失）
setting-capacity_messages = 容量
setting-durable = 崩溃后消息不丢失（持久化）
choice-durable-no = 否
choice-durable-yes = 是
setting-min_workers = 工作进程数（最少）
setting-max_workers = 工作进程数（最多，自动扩缩容）
setting-target_backlog_per_worker = 每个工作进程的积压超过此值时扩容

## Setting fields, issues, seed (the settings' own labels come from the core, translated by name in es/zh)
field-name = 名称
field-kept = { $error }。已保留原来的值（{ $value }）。
unit-s = 秒
unit-files = 个文件
unit-entries = 条
unit-keys-per-s = 键/秒
unit-messages = 条消息
chart-tip-none = 无数据
issues = 问题
issues-none-blocking = 没有阻止运行的问题
issues-to-fix = 运行前需解决 { $count } 个
issues-on-node = { $node }：{ $issue }
seed-invalid = 种子是 0 到 { $max } 之间的整数；已保留 { $seed }
sweep-entry = 负载扫描：
sweep-entry-title = 用这个设置的一系列取值运行这个设计，看看它在哪里撑不住
sweep-entry-open = 扫描…
metrics-cost-value = ${ $cost }/小时
scenario-duration = 运行时长
scenario-duration-invalid = 运行时长必须是秒数
scenario-faults = 已录制的故障
scenario-faults-count = { $count } 个（每次运行都会重放）
scenario-faults-clear = 清除故障
scenario-sweep = 负载扫描
scenario-sweep-default = 客户端的到达速率，从容量的 10% 到 150%
scenario-sweep-set = { $points } 个取值 × { $seeds } 个种子
scenario-hint = 选中一个节点即可修改它的设置。在背景上拖动可以选中多个节点；按住空格拖动或用右键拖动可以平移；滚轮缩放。按 ? 查看所有快捷键。

## Refused values and validation issues (English in the core: model/field.rs, model/validate.rs)
range-not-number = { $label }必须是 { $min } 到 { $max } 之间的数字
range-not-whole = { $label }必须是 { $min } 到 { $max } 之间的整数（当前为 { $value }）
range-out-of-range = { $label }必须在 { $min } 到 { $max } 之间（当前为 { $value }）
issue-no_client = 请添加一个客户端：没有用户，就没有人发送请求
issue-client_no_target = 请把这个客户端连接到 DNS、负载均衡器或 Web 服务器
issue-client_many_targets = 这个客户端连接了 { $count } 个入口；只连接一个（由 DNS 或负载均衡器来分发流量）
issue-dns_no_target = 请把这个 DNS 连接到它解析到的负载均衡器或服务器
issue-no_backends = 这个负载均衡器后面没有 Web 服务器
issue-no_database = 这台 Web 服务器没有数据库：连接一个数据库（或数据库前的缓存），如果只有一台服务器，也可以打开“同时运行数据库”
issue-many_databases = 这台 Web 服务器连接了 { $count } 个数据库或缓存；只能连接一个
issue-cache_no_database = 请把这个缓存连接到未命中时要读取的数据库（或分片路由器）
issue-cache_many_databases = 这个缓存连接了 { $count } 个数据库；只能连接一个
issue-needs_session_store = 这台 Web 服务器把会话保存在会话存储里：请连接一个会话存储
issue-many_session_stores = 这台 Web 服务器连接了 { $count } 个会话存储；只能连接一个
issue-session_store_unused = 这台 Web 服务器连接了会话存储，却把会话保存在别处：把“用户会话保存在”设为会话存储，或者移除这条连接
issue-client_many_cdns = 这个客户端连接了 { $count } 个 CDN；只连接一个
issue-cdn_no_origin = 请把这个 CDN 连接到它的源站（存放这些文件的负载均衡器或 Web 服务器）
issue-max_below_min = 最大值不能小于最小值
issue-router_no_shards = 请把这个分片路由器连接到存放各个分片的数据库
issue-workers_many_queues = 这些工作进程连接自 { $count } 个消息队列；只连接一个
issue-many_queues = 这台 Web 服务器向 { $count } 个消息队列发布任务；只连接一个
issue-replica_no_primary = 请给这个只读副本连接一个数据库（从主库画一条连线到它）
issue-replica_many_primaries = 这个只读副本连接自 { $count } 个数据库；一个副本只能有一个主库
issue-embedded_and_connected = 这台服务器自己运行数据库，却又连接了数据库或缓存；请去掉其中一个
issue-invalid_edge = { $from } → { $to }：请求不能这样流动（请求的方向是 客户端 → DNS → 负载均衡器 → Web 服务器 → 数据库）
issue-dangling_edge = 有一条连接指向不存在的节点 { $node }
issue-cycle = 这个节点处在一个连接环路中；请求将永远无法完成
issue-unreachable = 没有任何客户端的请求能到达这个节点；它会一直闲置
issue-fault_missing_node = 故障时间线引用了不存在的节点 { $node }
issue-challenge = 挑战：{ $error }
issue-challenge_measures_nothing = 挑战：从第 { $from } 秒开始统计，但运行在第 { $to } 秒就结束了，什么也统计不到；请让统计在结束前开始
issue-over_memory = 这次运行大约需要 { $bytes } 内存，超过了一次运行可用的 { $limit }：请调低节点上标出的设置
issue-over_work = 这次运行大约需要 { $events } 个事件，超过了一次运行允许的 { $limit }：请调低节点上标出的设置，或缩短运行时间
issue-costs_memory = { $setting } 占用了这次运行大约 { $amount } 内存，超出了预算：请调低它
issue-costs_work = { $setting } 在整次运行中大约要花 { $amount } 个事件，超出了预算：请调低它，或缩短运行时间

## Node health, tier figures and the inspector's live figures
health-healthy = 健康
    .explain = 运行正常。
health-down_undetected = 宕机——尚未被发现
    .explain = 已宕机，但负载均衡器还没发现：它仍把请求发到这里，这些请求都会失败。
health-down = 宕机
    .explain = 已宕机，前面的所有负载均衡器都已停止向它发送请求。
health-recovering = 恢复中
    .explain = 已重新运行；要先通过足够多次健康检查，才会重新接收流量。
role-primary = 主库
role-replica = 副本
role-out = 已移出副本集
tier-role-behind = { $role }，落后 { $count } 次写入
tier-hits = 命中 { $percent }
tier-instances = { $count } 个实例
tier-instances-warming = { $running }+{ $warming } 个实例
tier-workers = { $count } 个工作进程
tier-hotspot = 热点 { $ratio }×
tier-waiting = { $count } 条等待中
node-standby = 待命，没有键
node-busy = 忙碌 { $percent }
node-busy-sr = 忙碌 { $percent }，
node-util-title = 利用率：忙碌的工作线程占比
node-queue-title = 在队列中等待的请求
node-queued-sr = { " " }个在排队，
inspector-role = 角色
inspector-behind = 落后主库
inspector-behind-writes = { $count } 次写入
inspector-hit-ratio = 命中率（最近一秒）
inspector-full = 已用容量
inspector-instances = 实例数
inspector-instances-warming = { $running }（+{ $warming } 个启动中）
inspector-workers = 工作进程数
inspector-shard-load = 各分片负载（请求/秒）
inspector-shard-keys = 各分片的键数
inspector-hotspot = 热点（最忙分片 / 平均）
inspector-resharding = 重新分片
inspector-resharding-copied = 已复制 { $percent }

## First visit
notice-welcome = 欢迎！这是本章的第 1 步。点击“运行”，然后弄坏点什么：在节点上右键（或长按）。

## Shortcut sheet (English in crates/shell/src/keymap.rs; by the row's id, .keys = keys written in words)
sheet-section-run = 运行与破坏
sheet-section-edit = 编辑
sheet-section-keyboard = 仅用键盘
sheet-section-mouse = 鼠标
sheet-section-touch = 触屏
sheet-run = 运行，或暂停运行
sheet-kill = 让选中的节点宕机（已宕机时则恢复它）；需要时会自动开始运行
sheet-node-menu = 打开当前节点的菜单：宕机、恢复、这一层特有的故障，以及编辑
sheet-menu-gesture = 同一个菜单，在节点上打开
    .keys = 右键 · 长按
sheet-undo = 撤销
sheet-redo = 重做
sheet-clipboard = 复制、剪切、粘贴（保留设置和内部连接）
sheet-duplicate = 复制选中的内容
sheet-delete = 删除选中的内容（节点，或选中的连接）
sheet-select-all = 选中所有节点
sheet-escape = 取消正在进行的拖动、框选或列表；取消选中连接
sheet-walk = 逐个切换节点，再沿着连接切换（依次选中）
sheet-nudge = 把选中的内容移动一格
sheet-nudge-big = 移动五格
    .keys = Shift + 方向键
sheet-inspect = 在检查器中编辑当前节点
sheet-connect = 把选中的节点连接到…（可连接目标的列表）
sheet-sheet = 显示或隐藏这个列表
sheet-click = 选中一个节点 · 加入或移出选择
    .keys = 单击 · Shift 单击
sheet-click-edge = 选中它：检查器会显示经过它的流量；按 Delete 删除
    .keys = 单击一条连接
sheet-marquee = 选中矩形内的节点（按住 Shift 追加）
    .keys = 在画布空白处拖动
sheet-drag-node = 移动选中的内容（吸附到网格；“网格”按钮可开关）
    .keys = 拖动节点
sheet-drag-port = 连接到松开时所在的节点
    .keys = 从节点的圆点拖出
sheet-pan = 平移画布
    .keys = 空格 + 拖动 · 右键或中键拖动
sheet-zoom = 以光标为中心缩放 · 以画布中心缩放
    .keys = 滚轮 · Ctrl + / Ctrl −
sheet-zoom-fit = 缩放到适合 · 重置缩放
    .keys = Shift 1 · Ctrl 0（或 Shift 0）
sheet-tap = 选中节点或连接；点按组件即可添加
    .keys = 点按
sheet-touch-place = 把它放到画布上
    .keys = 拖动组件
sheet-touch-drag = 移动它 · 连接它
    .keys = 拖动节点 · 它的圆点
sheet-touch-pan = 平移画布
    .keys = 单指在画布空白处
sheet-pinch = 双指捏合缩放，移动平移
    .keys = 双指

## Event log (English in the core: engine/faults.rs, replication.rs, autoscale.rs, shards.rs, cdn.rs, jobs.rs; by clause id)
log-join = ：
log-node_says = { $node }
log-deployed_versioned = 已用新文件名部署新的静态文件：{ $node } 会向源站把每个文件各取一次
log-deployed_same_names = 已用相同文件名部署新的静态文件：{ $node } 会继续提供旧副本，直到它们过期
log-no_failover = { $node }（主库）宕机了，却没有正在运行的副本可以提升：写入会失败
log-promoted = { $node } 被提升为主库（{ $old } 已宕机 { $seconds } 秒）；有 { $lost } 次已确认的写入还没到达它，已经丢失
log-rebuilt = { $node } 已重建为 { $primary } 的只读副本
log-scale_up_instances = 利用率 { $utilization }%，超过目标 { $target }%，正在启动另外 { $more } 个实例（{ $seconds } 秒后就绪）
log-scale_down_instances = 利用率 { $utilization }%，正在停止 { $fewer } 个实例（还剩 { $left } 个）
log-scale_up_workers = 积压 { $backlog } 个任务，正在启动另外 { $more } 个工作进程（{ $seconds } 秒后就绪）
log-scale_down_workers = 积压 { $backlog } 个任务，正在停止 { $fewer } 个工作进程（还剩 { $left } 个）
log-no_shard_to_add = 没有更多已连接的数据库可以加为分片；请先再连接一个数据库
log-last_shard = 不能移除最后一个分片
log-shard_added = 已添加一个分片（{ $from } → { $to }）；{ $percent }% 的键需要迁移，大约 { $seconds } 秒复制完
log-shard_removed = 已移除一个分片（{ $from } → { $to }）；{ $percent }% 的键需要迁移，大约 { $seconds } 秒复制完
log-marked_unhealthy = { $lb } 将 { $node } 标记为不健康（健康检查失败）
log-marked_unhealthy_after = { $lb } 将 { $node } 标记为不健康（健康检查失败，在它宕机 { $seconds } 秒后）
log-marked_healthy = { $lb } 将 { $node } 重新标记为健康，并向它发送流量
log-dns_stopped = { $dns } 不再用 { $node }（{ $region }）应答：随着缓存的应答过期，它的用户会转到最近的健康数据中心（TTL { $ttl } 秒）
log-dns_answers = { $dns } 重新用 { $node }（{ $region }）应答
log-region_down = 数据中心 { $region } 宕机：{ $count } 个节点停止运行
log-region_back = 数据中心 { $region } 恢复：{ $count } 个节点重新启动
log-flushed = { $node } 已被清空（丢弃了 { $entries } 个条目）：接下来的读取都会未命中
log-killed = { $node } 已宕机
log-killed_random = { $node } 因随机故障宕机
log-killed_region = { $node } 随数据中心 { $region } 一起宕机
log-jobs_requeued = { $count } 个进行中的任务回到队列
log-messages_lost = 丢失了 { $count } 条消息（队列不是持久化的）
log-sessions_lost = { $count } 个用户丢失了会话，需要重新登录
log-restored = { $node } 已恢复
log-repaired = { $node } 修复后恢复运行
log-restored_region = { $node } 随数据中心 { $region } 一起恢复

## Verdict explanations (English in the core: verdict.rs; by clause id, $region = a data center or "none")
grade-join = 。
grade-join-why = ：
grade-none_answered = 在第 { $from } 秒到第 { $to } 秒之间没有任何请求得到应答，没有可评分的内容：这项检查不通过
grade-none_succeeded = 在第 { $from } 秒到第 { $to } 秒之间没有任何请求成功（{ $failed } 个失败），没有可评分的内容：这项检查不通过
grade-error_ratio = { $answered } 个请求中有 { $failed } 个失败（{ $ratio }%；允许 { $limit }%）
grade-most_at = 其中大多数是 { $node } 上的“{ $cause }”（{ $count } 个）
grade-most = 其中大多数是“{ $cause }”（{ $count } 个）
grade-why_cause = { $cause }
grade-p99 = p99 延迟 { $p99 } 毫秒（允许 { $limit } 毫秒）
grade-busiest = 最忙的节点是 { $node }，利用率 { $utilization }%：请求在那里排队；请增加容量或分散负载
grade-throughput = 每秒成功 { $rps } 个请求（需要 { $limit } 个）
grade-throughput_hint = 要么用户发送的请求没有这么多，要么请求失败了或卡在队列里
grade-cost = 系统每小时花费 { $cost } 美元（预算 { $limit } 美元）
grade-most_expensive = 最贵的节点是 { $node }，每小时 { $cost } 美元：换小一点的规格或减少副本数也许就够了
grade-lost_writes = 丢失了 { $lost } 次已确认的写入（允许 { $limit } 次）
grade-lost_writes_hint = 异步复制会丢失尚未到达被提升副本的写入；半同步复制不会丢失
grade-logged_out = 有 { $count } 个请求发现用户已被登出（允许 { $limit } 个）
grade-logged_out_hint = 保存在某台 Web 服务器内存里的会话会随它一起丢失，在其他服务器上也找不到；请把会话放在共享的会话存储里（至少也要用粘性会话）
grade-stale_files = 有 { $count } 个静态文件请求从 CDN 拿到了旧副本（允许 { $limit } 个）
grade-stale_files_hint = 部署之后，边缘节点会继续提供缓存的副本，直到 TTL 到期；带版本号的文件名（app.3f9a.js）让新文件有新的 URL，就不会提供旧文件
grade-job_delay = 已完成任务的 p99 耗时 { $p99 } 秒；还有 { $waiting } 个任务在等待，最久的已等了 { $oldest } 秒（允许 { $limit } 秒）
grade-job_delay_hint = 任务到达的速度比工作进程完成的速度快，积压不断增长：队列让工作进程池可以自行扩容——允许更多工作进程，或让它更早扩容
grade-why_queue_full_scaling = 到达的请求超过了正在运行的实例能处理、队列能容纳的数量。它会水平扩容，但新实例需要 { $warm_up } 秒预热，两次扩容之间还要等 { $cooldown } 秒：在可能突然来负载的地方留一些备用实例（调高最少实例数）
grade-why_queue_full_mq = 消息队列满了：工作进程跟不上任务的速度
grade-why_queue_full = 到达的请求超过了它的工作线程能处理、队列能容纳的数量：给 { $node } 更多容量（更大的规格、更多工作线程或更多服务器），或者少给它发请求
grade-why_no_healthy_backend = { $node } 已把后面所有服务器都标记为不健康，请求无处可发
grade-why_timeout = 请求在 { $node } 等待的时间超过了它的超时时间：它或它后面的那一层过载了
grade-why_down_geo_dns = { $region ->
    [none] { $node } 宕机了
   *[other] { $node } 随数据中心 { $region } 一起宕机
}，而用户缓存的 DNS 应答仍把他们送到那里。{ $dns } 要在连续 { $checks } 次健康检查失败（每次间隔 { $interval } 秒）后才停止用它应答，而用户会在 TTL（{ $ttl } 秒）内一直使用同一个应答：检查得更频繁、缩短 TTL，就能更快把用户转走
grade-why_down_plain_dns = { $region ->
    [none] { $node } 宕机了
   *[other] { $node } 随数据中心 { $region } 一起宕机
}，而 { $dns } 仍用它的地址应答：普通 DNS 不检查目标，用户会一直被送到那里，直到它恢复
grade-why_down_lb = { $region ->
    [none] { $node } 宕机了
   *[other] { $node } 随数据中心 { $region } 一起宕机
}，而 { $lb } 一直向它发送请求，直到健康检查发现为止（每 { $interval } 毫秒检查一次，且要连续失败几次）：检查得更频繁，或减少判定所需的失败次数，就能更早发现
grade-why_down_db = { $region ->
    [none] { $node } 宕机了
   *[other] { $node } 随数据中心 { $region } 一起宕机
}：发给它的写入一直失败，直到故障转移超时、一个副本被提升为主库
grade-why_down_region_spof = { $node } 随数据中心 { $region } 一起宕机，而 { $region } 之外没有任何节点能接替它的工作：所有需要它的请求都会失败，直到数据中心恢复。一个要在另一个数据中心失效时存活下来的数据中心，需要有自己的{ $kind }
grade-why_down_spof = { $region ->
    [none] { $node } 宕机了
   *[other] { $node } 随数据中心 { $region } 一起宕机
}，而没有别的节点能接替它的工作：所有需要它的请求都会失败，直到它恢复（对这些请求来说，它是单点故障）
