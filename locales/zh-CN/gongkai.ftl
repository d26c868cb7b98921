# gongkai 的用户可见文字（简体中文）。每条消息在 locales/en/gongkai.ftl 中都有同名、同参数的英文版本。

## 诊断

severity-error = 错误
severity-warning = 警告
diag-summary = { $errors } 个错误，{ $warnings } 个警告

## 暂不公开的原因

withheld-not-approved = 状态为“{ $status ->
        [draft] 草稿
        [review] 待审核
        [approved] 已批准
        [withdrawn] 已撤回
       *[other] { $status }
    }”，尚未批准
withheld-not-proactive = 公开属性为“{ $disclosure }”
withheld-no-review = 没有完整的审核记录
withheld-secret = 保密审查结论为“{ $secrecy }”
withheld-embargoed = 解禁时间未到（{ $until }）
withheld-not-yet-published = 已批准，尚未发布（请运行 gongkai publish）
withheld-personal-data = 发现个人信息：{ $kind ->
        [resident-id] 居民身份证号
        [bank-card] 银行卡号
        [mobile] 手机号码
        [passport] 疑似护照号
       *[email] 私人电子邮箱
    } { $masked }（第 { $line } 行{ $more ->
        [0] {""}
       *[other] ，另有 { $more } 处
    }）
withheld-imported-unreviewed = 导入记录（{ $on } 导入）尚未审核，且导入前未曾发布：请填写 review 后发布

## 通用

operational-error = 错误：{ $error }
list-separator = ；
note-text = 提示：{ $text }

## 进度

progress-silent = 处理中
progress-reading-records = 读取记录
progress-writing-pages = 生成记录页面
progress-reading-pages = 读取网页
progress-writing-records = 写入记录
progress-done = { $task }：{ $count } 项，用时 { $seconds } 秒

## gongkai build

build-failed = 构建失败：未写入任何文件，{ $out } 保持原样
build-summary = 已生成 { $records } 条记录（{ $withheld } 条暂不公开），输出到 { $out }：{ $pages } 个页面，{ $files } 个文件，{ $warnings } 个警告，用时 { $seconds } 秒
build-summary-incremental = 已生成 { $records } 条记录（{ $withheld } 条暂不公开），输出到 { $out }：{ $pages } 个页面，{ $files } 个文件（重写 { $written } 个，删除 { $removed } 个），{ $warnings } 个警告，用时 { $seconds } 秒
note-report-held-back = 提示：{ $path } 有错误，该年度报告暂不发布（页面和导出均未生成），网站其余部分照常生成
note-cache-not-saved = 提示：构建缓存未能保存（{ $error }），下次构建将全部重新生成

## gongkai check

check-withheld = 暂不公开 { $path }（{ $index_no }）：{ $reasons }
check-health = 网站健康：{ $stale } 个栏目更新不及时，{ $empty } 个栏目为空（检查标准：不及时栏目达 { $stale_limit } 个或空栏目达 { $empty_limit } 个即不合格）
check-report-written = 检查报告已写入 { $path }

## gongkai serve / desk

serve-listening = 正在预览 { $root }：http://127.0.0.1:{ $port }/（按 Ctrl-C 停止）
    预览文件夹 { $folder }（退出时删除）
serve-listening-drafts = 正在预览 { $root }（含草稿）：http://127.0.0.1:{ $port }/（按 Ctrl-C 停止）
    预览文件夹 { $folder }（退出时删除）
serve-rebuilt = 已重新生成 { $records } 条记录，用时 { $seconds } 秒（{ $counts }）
serve-error-title = 构建失败
serve-error-hint = 预览未能构建。请按下列位置修改后保存，本页会自动刷新。
serve-not-found = 页面不存在。
serve-no-build = 预览尚未成功构建。
desk-listening = 工作台已打开 { $root }：http://127.0.0.1:{ $port }/（按 Ctrl-C 停止）

## gongkai publish / ledger

publish-failed = 发布失败：未做任何改动，记录和台账保持原样
publish-nothing = 没有需要发布的内容：{ $ledger } 已是最新
publish-appended = { $ledger }：已追加 { $counts }
publish-build-failed = 发布已记入台账，但构建失败：{ $out } 保持原样
publish-built = 已生成 { $records } 条记录（{ $withheld } 条暂不公开），输出到 { $out }
ledger-import-failed = 导入失败：未写入任何内容
ledger-imported = { $ledger }：已导入 { $count } 条记录的发布日期（由网站自述，未经见证）；链头 sha256 { $head }
ledger-none = { $root } 中没有 { $ledger }：无可校验（可用 gongkai ledger import 或 gongkai publish 建立）
ledger-unreadable-records = 提示：记录中有 { $errors } 个错误（见 gongkai check），其台账条目可能显示为未知
ledger-verified = { $ledger }：共 { $entries } 条，哈希链完整，所有已发布记录与台账一致；链头 sha256 { $head }

## gongkai report / archive / import

report-no-data-file = 没有 { $year } 年度报告的数据文件
archive-failed = 归档导出失败：未写入任何文件
archive-rejected = 归档导出未通过自检：未写入任何文件
archive-bag-written = 已将 { $records } 条记录打包到 { $path }（Payload-Oxum { $oxum }）
archive-warc-written = 已将 { $files } 个文件采集到 { $path }
import-created = 新建 { $path }
import-summary = 导入 { $source }（{ $read_as }）：新建 { $created } 条（发布 { $published }，待审核 { $held_review }，含个人信息扣下 { $held_personal }），已导入跳过 { $skipped } 条，来源已变更未覆盖 { $changed } 条，非信息页 { $not_records } 个，问题 { $problems } 个
import-ledger-appended = ledger.jsonl：为导入前已发布的记录追加 { $entries } 条 import 记录
import-no-ledger = 本站尚无 ledger.jsonl：导入的发布日期暂按原样采信，请运行 gongkai ledger import 建立台账

## gongkai status

status-section = { $title }：{ $count }
status-opens = ，{ $when } 解禁
status-to-publish = 新记录，待发布
status-to-revise = 已发布，之后有修改（修订）
status-to-withdraw = 已撤回，仍在台账中（撤回）
status-waiting-for-review = 待审核
status-embargoes = { $days } 天内解禁
status-drafts = 草稿：{ $count }

## --help（命令行帮助）

help-arg-site = 网站文件夹（含 site.yaml 和 content/）
help-arg-now = 假定当前时间为此刻（RFC 3339 或 YYYY-MM-DD），用于可重现的构建和测试；也可由 GONGKAI_NOW 设置。在此设置下写入的台账条目会注明
help-arg-help = 显示帮助
help-arg-version = 显示版本
help-gongkai = gongkai：政府信息公开网站的静态网站生成器
help-gongkai-quiet = 只显示错误
help-gongkai-verbose = 同时显示各阶段的用时和内存（同 GONGKAI_TIMINGS=1）
help-gongkai-lang = 提示信息的语言：zh-CN 或 en（默认：按 LC_ALL/LANG，否则按网站的 language）
help-gongkai-build = 校验全部记录，并把网站生成到输出文件夹
help-gongkai-build-out = 输出文件夹（默认：<网站>/public）。先在旁边写好，完成后整体替换；它必须不存在、为空或是 gongkai 以前的输出，且不能是网站的输入
help-gongkai-build-strict = 把网站健康类警告（发布时效、栏目不更新或为空、失效链接）当作错误。严格构建总是完整构建
help-gongkai-build-full = 不用构建缓存（.gongkai-cache/），全部页面重新生成
help-gongkai-build-allow-mass-withdrawal = 即使没有任何记录可发布，或可发布的记录不到输出文件夹现有记录的一半，也照常构建（不加此项时，这种构建会停止并返回退出码 2）
help-gongkai-check = 做 build 的全部校验，在临时文件夹中生成网站以检查链接，并列出暂不公开的记录；除可选的报告外不写任何文件
help-gongkai-check-format = 诊断信息的输出格式
help-gongkai-check-strict = 把网站健康类警告（发布时效、栏目不更新或为空、失效链接）当作错误
help-gongkai-check-report = 另外把一份便于阅读的 HTML 检查报告写入此文件
help-gongkai-new = 在栏目中新建一条草稿记录，使用本年度下一个可用的索引号
help-gongkai-new-node = 栏目：中文名称（通知公告）、content/ 下的文件夹（zcwj/gfxwj）或其唯一的末段（gfxwj）
help-gongkai-new-title = 记录的名称（标题）
help-gongkai-new-publisher = 发布机构，写 id 或名称（区政府办）；其机构代码和编号规则决定索引号。默认：site.yaml 中该栏目的发布机构，否则为第一个发布机构
help-gongkai-new-codes = 索引号中随记录变化的代码（编号规则中的 {"{"}field:NAME{"}"}），写作 NAME=VALUE；可重复
help-gongkai-serve = 在 http://127.0.0.1:PORT/ 预览网站，每次修改后自动重新生成。从不写入 public/
help-gongkai-serve-port = 监听的端口
help-gongkai-serve-drafts = 同时显示草稿和待审核的记录，带“草稿/待审核”标记且不被搜索引擎收录
help-gongkai-desk = 在浏览器中打开办公工作台 http://127.0.0.1:PORT/：按栏目列出记录及其状态，可编辑、审核签发、发布和撤回；草稿预览在 PORT+1 端口同时运行
help-gongkai-desk-port = 监听的端口
help-gongkai-desk-preview-port = 预览的端口（默认：PORT+1）
help-gongkai-desk-no-preview = 不启动预览
help-gongkai-report = 根据网站内容生成的报告
help-gongkai-report-annual = 校验某一年的政府信息公开工作年度报告（年报），并导出为 CSV 和 JSON
help-gongkai-report-annual-year = 报告的年度（数据文件为 data/annual/<年度>.yaml）
help-gongkai-report-annual-out = 写入 <年度>.csv 和 <年度>.json 的文件夹；不指定时 JSON 输出到标准输出
help-gongkai-publish = 为新批准的记录填写 published，把每次发布、修订和撤回记入发布台账（ledger.jsonl），然后构建
help-gongkai-publish-out = 构建的输出文件夹（默认：<网站>/public）。其中每个文件都按内容与构建缓存核对，被手工改过的文件会重写
help-gongkai-publish-allow-mass-withdrawal = 即使没有任何记录可发布，或可发布的记录不到输出文件夹现有记录的一半，也照常构建（不加此项时，这种构建会停止并返回退出码 2）
help-gongkai-ledger = 发布台账：校验其哈希链，或为已有发布历史的网站建立台账
help-gongkai-ledger-verify = 证明哈希链完整，且每条已发布记录都与台账一致
help-gongkai-ledger-import = 把网站已声明的发布日期一次性记入台账（import 条目）
help-gongkai-status = 下一次 publish 将做什么：新增、修订和撤回的记录，待审核的记录，7 天内解禁的记录，以及发布关口的警告
help-gongkai-status-format = 输出格式
help-gongkai-import = 导入单位已有的记录：来自旧系统导出的目录表格（UTF-8 或 GBK/GB18030 编码的 CSV、XLSX、XLS），或旧网站的保存副本（HTML 网页文件夹）。记录写入 content/<栏目>/ 并标记 imported，保留原索引号；再次运行不会重复新建
help-gongkai-import-source = 表格文件，或保存的网站文件夹
help-gongkai-import-mapping = 映射文件（YAML），补充内置对照表未涵盖的表头、栏目、发布机构、取值、日期格式和网页选择器（见 docs/moving-in.md）
help-gongkai-import-node = 未写明栏目的行和网页所归入的栏目（content/ 下的文件夹路径）
help-gongkai-archive = 导出归档：某一年已发布记录的 BagIt 包（--year），或整个网站的 WARC 采集文件（--warc）
help-gongkai-archive-year = 要打包的已发布记录所属年度
help-gongkai-archive-batch = 本次移交的批次号（Bag-Group-Identifier、Bag-Count、External-Identifier）
help-gongkai-archive-out = 要创建的包文件夹（必须不存在或为空）；加 --tar 时为 .tar 文件；加 --warc 时为 .warc.gz 文件
help-gongkai-archive-tar = 把包写成一个 .tar 文件（条目排序，时间和属主固定）
help-gongkai-archive-sm3 = 在 SHA-256 清单之外另加 SM3（GB/T 32905）清单
help-gongkai-archive-date = Bagging-Date / WARC-Date，格式 YYYY-MM-DD（默认：今天）；同一网站、同一日期输出完全相同
help-gongkai-archive-warc = 把整个生成的网站采集为一个 WARC 1.1 文件，而不是打包

## 读取记录和 YAML（字段、取值）

missing-field = 缺少必填字段 “{ $field }”
missing-field-labelled = 缺少必填字段 “{ $field }”（{ $label }）
unknown-field = 未知字段 “{ $field }”
unknown-field-suggest = 未知字段 “{ $field }”，是否应为 “{ $suggestion }”？
wrong-shape = 字段 “{ $field }” 应为{ $expected ->
        [list] 列表
        [text] 文本
        [bool] true 或 false
        [mapping] 若干字段（键: 值）
        [choice] 允许的取值之一
        [nothing] 空
        [integer] 整数
        [number] 数字
       *[other] { $expected }
    }，实际为{ $found ->
        [nothing] 空
        [list] 列表
        [mapping] 若干字段
       *[other] “{ $value }”
    }
not-one-of = 字段 “{ $field }” 的值 “{ $value }” 不在可选范围内：{ $allowed }
bad-date = 字段 “{ $field }” 的日期 “{ $value }” 无效，应写作 YYYY-MM-DD（如 2025-03-10）
bad-date-time = 字段 “{ $field }” 的时间 “{ $value }” 无效，应写作 YYYY-MM-DDTHH:MM:SS+08:00 或 YYYY-MM-DD

## YAML 语法和中文输入的笔误

yaml-malformed = YAML 格式错误：{ $detail }
slip-full-width-colon = 使用了全角冒号 "："，请改为半角 ":" 并在其后加一个空格
slip-tab-indent = 缩进里有制表符（Tab），请改用空格缩进
slip-unclosed = 这里的 "{ $open }" 没有配对的 "{ $close }"
slip-full-width-comma = 列表项之间使用了 "{ $comma }"，请改为半角逗号 ","，否则几项会被当成一项
slip-full-width-bracket = 使用了全角括号 "{ $bracket }"，列表请用半角 "{ $ascii }"
slip-chinese-quotes = 值两边是中文引号，引号会成为值的一部分；如需引号请用半角 ""

## 索引号

index-bad-legacy = 旧索引号 "{ $value }" 不可用：{ $why }
index-no-match = 索引号 "{ $value }" 不符合本站的编号格式 { $format }（例如 { $example }）
index-no-match-legacy-hint = 索引号 "{ $value }" 不符合本站的编号格式 { $format }（例如 { $example }）；沿用旧编号请写 index_no_scheme: legacy
index-no-match-publisher = 索引号 "{ $value }" 不符合发布机构 { $publisher } 的编号规则 { $format }（例如 { $example }）；沿用旧编号请写 index_no_scheme: legacy
index-wrong-date-published = 索引号 { $value } 中的日期 { $written } 与生成日期 { $created } 和发布日期 { $published } 都不符
index-wrong-date = 索引号 { $value } 中的日期 { $written } 与生成日期 { $created } 不符，记录尚未发布
index-bad-reference = "{ $value }" 不是本站的索引号（引用的索引号不能为空，也不能含空白）
index-duplicate = 索引号 { $value } 已被 { $other } 使用
index-same-address = 索引号 { $value } 与 { $other } 的索引号 { $other_value } 只差分隔符，网页地址相同（{ $slug }.html）
reference-unknown = “{ $field }”引用的索引号 { $target } 没有对应的记录
reference-unpublished = “{ $field }”引用的 { $target }（{ $path }）尚未公开：公开页面不能链接到它

## 发布机构、栏目、主题分类、文种、公开渠道

name-unknown = { $what ->
        [publisher] 发布机构
        [node] 目录栏目
        [topic] 主题分类
        [genre] 文种
       *[channel] 公开渠道
    } “{ $value }” 不在 site.yaml 中
name-unknown-suggest = { $what ->
        [publisher] 发布机构
        [node] 目录栏目
        [topic] 主题分类
        [genre] 文种
       *[channel] 公开渠道
    } “{ $value }” 不在 site.yaml 中，是否应为 “{ $suggestion }”？
name-unknown-suggest-named = { $what ->
        [publisher] 发布机构
        [node] 目录栏目
        [topic] 主题分类
        [genre] 文种
       *[channel] 公开渠道
    } “{ $value }” 不在 site.yaml 中，是否应为 “{ $suggestion }”（{ $name }）？
name-ambiguous = “{ $value }”可指 { $count } 个{ $what ->
        [publisher] 发布机构
        [node] 目录栏目
        [topic] 主题分类
        [genre] 文种
       *[channel] 公开渠道
    }：{ $candidates }，请写明其 id 或全称

## 记录：文件、字段、审核、附件、链接

file-not-utf8 = 文件不是 UTF-8 编码（请另存为 UTF-8）
file-empty = 文件是空的
folder-not-node = 文件夹 “content/{ $folder }” 不是 site.yaml 中的目录栏目
folder-not-node-suggest = 文件夹 “content/{ $folder }” 不是 site.yaml 中的目录栏目，是否应为 content/{ $suggestion }/？
field-not-for-kind = 字段 “{ $field }” 属于 { $kinds } 类信息，本记录是 { $kind } 类
service-element-missing = 办事指南缺少要素：{ $label }（“{ $field }”）
review-missing = 已批准的记录须填写审核信息 “review”（by 审核人、on 审核日期、secrecy: 非涉密、conclusion 审核结论）
review-missing-field = 已批准记录的审核信息缺少 “{ $field }”（{ $label }）
review-no-consent = 审核结论是“{ $conclusion }”：主动公开的信息须经审核“同意公开”才能批准发布
review-secret = 保密审查结论是“{ $secrecy }”：只有“{ $not_secret }”的信息才能批准发布
review-before-created = 审核日期 { $on } 早于生成日期 { $created }：审核不能在信息生成之前
path-leaves-site = 路径 “{ $path }” 超出了网站文件夹（不能用绝对路径，也不能用 “..” 跳出网站）
attachment-not-found = 找不到文件 “{ $file }”（查找位置：{ $looked }）
body-link-bad-index = 正文链接 “{ $link }”：“{ $value }” 不是本站的索引号
body-link-unsafe = 正文链接 “{ $link }” 不安全：不能使用 javascript:、data: 等网址
body-link-relative = 正文链接 “{ $link }”：请使用完整网址、#锚点、gk:<索引号>（链接本站其他记录）或附件
reason-missing = 公开属性为“{ $disclosure }”的记录须填写 “reason”（不予公开理由）
superseded-needs-validity = 填写了 “superseded_by”（被替代文件索引号）时，有效性须为 已废止、已修改 或 已失效
waiver-empty = pii_waiver.{ $field } 为空：个人信息豁免须写明公开的法律依据和决定人
doc-no-format = 文号 "{ $doc_no }" 不像 机关代字〔年份〕序号号 的格式
summary-missing = 没有 “summary”（内容概述），正文也没有可用作概述的第一段
interpretation-needs-interprets = 政策解读须在 “interprets” 中写明所解读文件的索引号
procurement-needs-award = 采购处于中标阶段或之后，须填写 “award”（中标供应商和金额）
procurement-needs-contract = 采购处于合同阶段或之后，须填写 “contract”（合同信息）
budget-needs-tables = 预决算须填写 “tables”（表格），或附上作为正式文本的附件（详见附件）
budget-no-table = 预决算至少要有一张表格
content-folder-unreadable = 无法读取内容文件夹 { $folder }：{ $error }
file-unreadable = 无法读取文件：{ $error }
attachment-outside = 附件 "{ $file }" { $what ->
        [site-yaml] 是站点配置 site.yaml
        [data] 在 data/ 目录中
        [ledger] 是发布台账
        [record] 是另一条记录的源文件
       *[elsewhere] 不在本记录的 _files/ 目录内
    }；附件只能是本记录所在目录 { $dir }/_files/ 下的文件
attachment-active = 附件 "{ $file }" 是网页、SVG 或脚本，会在本站域名下运行，不予复制；请改为 PDF 或 OFD
attachment-mismatch = 附件 "{ $file }" 扩展名为 { $claimed }，内容却是 { $found }；以内容为准
attachment-unnamed-format = 附件 "{ $file }" 的扩展名不是常见格式，内容是 { $found }
attachment-unknown-format = 附件 "{ $file }" 的格式无法从内容识别（既非 PDF、OFD、Office、WPS、图片、音视频、压缩包，也非文本）；已照原样复制
attachment-unreadable = 无法读取附件 "{ $file }"：{ $error }
attachment-not-scanned = 附件 "{ $file }"：{ $why }（未检查个人信息）
front-not-mapping = 记录的 YAML 部分必须是若干 “字段: 值”
front-not-closed = 文件开头的 YAML 部分没有结束：请在 YAML 之后加一行 "---"
record-too-large = 记录文件过大（上限 { $mib } MiB），请把长文放入附件
table-too-narrow = { $table }：表格须有一列名称和至少一列数字
table-row-cells = { $table }：这一行有 { $cells } 格，表格却有 { $columns } 列
table-not-a-number = { $table }："{ $value }" 不是数字
table-total-figures = { $table }：合计有 { $figures } 个数，表格却有 { $columns } 列数字
table-total-mismatch = { $table }：“{ $column }”的合计写为 { $declared }，各行相加为 { $sum }
table-orphan-sub-row = { $table }：“{ $row }”是“其中”行，但上面没有所属的行
table-sub-rows-exceed = { $table }：“{ $row }”的“其中”各行在“{ $column }”列相加为 { $sum }，超过了该行本身（{ $whole }）

## 个人信息和发布检查

pii-found = { $where_ ->
        [body] 正文中
        [field] 字段 “{ $place }” 中
       *[attachment] { $place } 中
    }发现个人信息：{ $kind ->
        [resident-id] 居民身份证号
        [bank-card] 银行卡号
        [mobile] 手机号码
        [passport] 疑似护照号
       *[email] 私人电子邮箱
    } { $masked }；该记录暂不公开（请删除；如依法确需公开，请添加 pii_waiver {"{"}reason, by{"}"}，写明理由和决定人）
pii-waived = { $where_ ->
        [body] 正文中
        [field] 字段 “{ $place }” 中
       *[attachment] { $place } 中
    }有个人信息：{ $kind ->
        [resident-id] 居民身份证号
        [bank-card] 银行卡号
        [mobile] 手机号码
        [passport] 疑似护照号
       *[email] 私人电子邮箱
    } { $masked }，已按 { $by } 的个人信息豁免公开：{ $reason }
calendar-bad-holiday = 假期 { $from } 至 { $to }：开始日期不能晚于结束日期，且一个假期最长一个月
calendar-workday-not-weekend = 调休上班日 { $date } 不是星期六或星期日
calendar-both = { $date } 既列为假期又列为上班日
calendar-not-found = 找不到工作日历文件 "{ $file }"
calendar-none = 没有工作日历（{ $file }）：发布时效只扣除周末，不扣除法定节假日
calendar-unreadable = 无法读取工作日历：{ $error }
late-publication = { $published } 发布，距生成日期 { $created } 已 { $days } 个工作日（条例第二十六条规定 { $limit } 个工作日内）{ $uncovered ->
        [none] {""}
       *[other] （约数：工作日历未覆盖 { $uncovered } 年，按周末计）
    }
late-interpretation = 政策解读 { $published } 发布，距所解读文件 { $policy }（{ $policy_published } 发布）已 { $days } 个工作日，应在 { $limit } 个工作日内{ $uncovered ->
        [none] {""}
       *[other] （约数：工作日历未覆盖 { $uncovered } 年，按周末计）
    }
calendar-year-uncovered = 工作日历未覆盖 { $year } 年：该年的工作日按周末计算，时限为约数；请按国务院办公厅当年的放假通知补充
column-stale = 栏目 { $name }（{ $path }）更新不及时：最新记录发布于 { $newest }，已 { $age } 天（fresh_within_days: { $fresh }）
column-empty = 栏目 { $name }（{ $path }）为空：该栏目及其下级没有已发布的记录
home-stale = 首页最新信息发布于 { $newest }，已 { $age } 天（检查要求至少每 { $limit } 天更新）
inspection-threshold = { $stale } 个栏目更新不及时，{ $empty } 个栏目为空：检查中不及时栏目达 { $stale_limit } 个或空栏目达 { $empty_limit } 个即不合格
link-broken = { $attr } "{ $value }" { $why ->
        [outside] 指向网站之外
        [not-written] 指向的文件未生成
        [not-written-at] 指向的 { $target } 未生成
       *[no-anchor] 指向 #{ $fragment }，但 { $target } 中没有这个 id
    }{ $source ->
        [none] {""}
       *[other] （{ $source } 的页面）
    }

## site.yaml

config-unreadable = 无法读取站点配置：{ $error }
config-base-url = base_url 须为以 "/" 结尾的完整 http(s) 网址
config-index-prefix-empty = org.index_prefix 不能为空
config-page-size = build.page_size 至少为 1
config-publisher-twice = 发布机构 id "{ $id }" 重复使用
config-theme-name = 主题 "{ $theme }" 须为 themes/ 下的一个普通文件夹名
config-calendar-path = 工作日历路径 "{ $path }" 超出了网站文件夹
config-unsafe-url = 网址 "{ $url }" 不安全：只能使用 http(s):// 或 mailto: 网址
config-node-id = 栏目 id "{ $id }" 须为由字母、数字、"-" 或 "_" 组成的文件夹名
config-node-id-reserved = 栏目 id "{ $id }" 已留作 xxgk/ 下本栏目自身页面之用（{ $reserved }）
config-node-id-twice = 栏目 id "{ $id }" 在同一上级下重复使用

## 发布台账（ledger.jsonl）

ledger-missing = 没有发布台账：手写的发布日期暂按原样采信；请运行 gongkai ledger import
ledger-unknown-index = 台账中有索引号 { $index_no } 的条目，但网站没有这条记录（已发布记录的文件不能删除，请改为 status: withdrawn）
ledger-no-entry = 发布日期写为 { $published }，但 { $ledger } 中没有索引号 { $index_no } 的条目：发布日期不能手写，请运行 gongkai publish（它会填写当天日期并记入台账）
ledger-republished = { $ledger }:{ $line } 记录了它的撤回，但它又被发布了：请运行 gongkai publish 记录重新发布
ledger-date-changed = 发布日期写为 { $published }，但 { $ledger }:{ $line } 记录的发布日期是 { $recorded }（发布日期不能更改）
ledger-file-changed = 文件在发布后被修改：现在的 SHA-256 为 { $now }…，{ $ledger }:{ $line } 记录的是 { $recorded }…；请运行 gongkai publish 记录修订
ledger-attachment-changed = 附件 { $file } 在发布后{ $what ->
        [changed] 被修改
        [removed] 被删除
       *[added] 被添加
    }（{ $ledger }:{ $line }）；请运行 gongkai publish 记录修订
ledger-content-changed = 内容哈希与 { $ledger }:{ $line } 不符；请运行 gongkai publish 记录修订
ledger-withdrawal-unrecorded = 状态为已撤回，但 { $ledger }:{ $line } 仍显示已发布：请运行 gongkai publish 记录撤回
ledger-withheld-unrecorded = { $ledger }:{ $line } 显示已发布，但它现在暂不公开（{ $reasons }）：其页面已从网站撤下却没有台账记录；请改为 status: withdrawn 并运行 gongkai publish

## 政府信息公开工作年度报告

report-row-total = 「{ $row }」：总计为 { $total }，但各申请人列相加为 { $sum }
report-results-total = 「{ $column }」的「（七）总计」为 { $total }，但上面（一）至（六）各项相加为 { $sum }
report-column-balance = 「{ $column }」不平衡：一 { $new } + 二 { $old } = { $received }，但 三（七）{ $done } + 四 { $left } = { $handled }
report-appeal-total = 「{ $block }」：总计为 { $total }，但结果维持、结果纠正、其他结果和尚未审结相加为 { $sum }
report-carried-over = 「{ $column }」：上年结转为 { $carried }，但 { $previous } 结转到本年的是 { $then }
report-in-force = { $class }现行有效{ $how ->
        [written] 写为
       *[counted] 按本站记录统计为
    } { $now }，但 上年 { $prev } + 制发 { $issued } − 废止 { $abolished } = { $expected }
report-differs = { $what }写为 { $written }，按本站记录统计为 { $counted }；以所写数字为准
report-slip = 已发布的年报按原样保留，此处计算不符：{ $finding }
report-config-node = report.{ $key }："{ $path }" 不是目录栏目的路径
report-config-nb = 顶层栏目 "nb" 会与年度报告共用 { $dir }/
report-missing = { $year } 年政府信息公开工作年度报告应在 { $deadline } 前发布，但没有数据文件
report-file-name = 年度报告数据文件须命名为 YYYY.yaml（所报告的年度）

## gongkai import（导入）

import-too-large = 文件过大（上限 { $mib } MiB），未读取
import-unreadable = 无法读取：{ $error }
import-unknown-target = “{ $column }”映射到未知字段 “{ $name }”；可用：index_no title publisher issuer doc_no created dated published effective expires topics genre keywords validity registration_no info_source summary body attachments node url extra ignore
import-bad-date-format = 日期格式 “{ $format }” 无效（应为 chrono 格式，如 %Y年%m月%d日）
import-bad-selector = CSS 选择器 “{ $selector }” 无效
import-no-header = 表格没有表头行，或表头中没有“标题”“索引号”等可识别的列
import-unknown-column = 未识别的列 “{ $column }”：其值存入记录的 extra（可在映射文件 columns 中指定字段，或写 ignore）
import-too-many-rows = 行数超过上限 { $cap }，其后的行未导入
import-cell-too-long = “{ $column }”单元格超过 { $kib } KiB，已截断
import-csv-syntax = CSV 格式错误：{ $error }
import-encoding-malformed = 按 { $encoding } 解码时有无法识别的字节，已替换为 �，请核对
import-encoding-contradicted = 网页声明编码为 { $declared }，实际内容为 { $used }，已按 { $used } 读取
import-missing = 缺少{ $what }，未导入
import-bad-date = { $label } “{ $value }” 不是可识别的日期（如 2023-05-06、2023/5/6、2023年5月6日），未导入
import-bad-validity = 有效性 “{ $value }” 不可识别（有效、已修改、已废止、已失效），存入 extra
import-not-in-vocabulary = { $label } “{ $value }” 不在 site.yaml 的 vocabularies 中，存入 extra（可在映射文件 values 中对应）
import-unknown-publisher = 发布机构 “{ $value }” 不在 site.yaml 的 publishers 中（可在映射文件 publishers 中对应到部门 id），未导入
import-no-publisher = 没有发布机构：请在映射文件中写 publisher: 部门id，未导入
import-unknown-node = 栏目 “{ $value }” 不是 site.yaml 中的目录栏目（可在映射文件 nodes 中对应，或用 --node），未导入
import-no-node = 没有栏目：请用 --node 或在映射文件中写 node，未导入
import-bad-index-no = 索引号 “{ $value }” 不能保留：{ $why }，未导入
import-duplicate = 索引号 { $index_no } 与 { $first } 重复，未导入
import-existing = 本站已有索引号为 { $index_no } 的记录 { $path }（非导入所得），未导入
import-changed = 索引号 { $index_no } 已于先前导入为 { $path }，但来源内容已变更；为免覆盖人工修改，未更新，请核对
import-record-invalid = 导入后的记录不合格：{ $first }{ $more ->
        [0] {""}
       *[other] （另有 { $more } 处）
    }，未导入
import-attachment-missing = 附件 “{ $link }” 不在所保存的网站文件夹中，未复制
import-attachment-outside = 附件链接 “{ $link }” 指向导入文件夹之外，未复制
import-attachment-refused = 附件 “{ $link }” 是网页或脚本，不予复制
import-attachment-too-large = 附件 “{ $link }” 过大，未复制
import-no-body = 未找到正文（可在映射文件 html.body 中写 CSS 选择器）
import-too-many-pages = 网页数超过上限 { $cap }，其余未读取
import-ledger-broken = ledger.jsonl 校验未通过，导入记录未写入台账；请先运行 gongkai ledger verify
import-no-source-kind = 导入来源应为 .csv、.xlsx、.xls 文件，或保存的网站文件夹
import-held-personal = 记录中发现个人信息：{ $kind ->
        [resident-id] 居民身份证号
        [bank-card] 银行卡号
        [mobile] 手机号码
        [passport] 疑似护照号
       *[email] 私人电子邮箱
    } { $masked }（第 { $line } 行{ $more ->
        [0] {""}
       *[other] ，另有 { $more } 处
    }），已导入但不予发布，请处理后再发布
import-too-deep = 网页元素嵌套超过 { $cap } 层，未读取

## gongkai archive（归档）

archive-needs-field = 生成档号需要 { $field }（{ $label }）
archive-no-retention = { $index_no } 没有保管期限：请在记录或其栏目上写 retention，或在 site.yaml 中写 archive.retention.{ $kind }
archive-destination = 输出位置{ $problem ->
        [exists] 已存在；导出从不覆盖已有的文件
        [bag] 已有一个包；导出从不覆盖已有的包
        [file] 是一个文件，不是文件夹
       *[not-empty] 不是空文件夹
    }
archive-ledger-mismatch = 文件的 SHA-256 { $sha } 与发布台账为 { $index_no } 记录的不同（第 { $seq } 条，{ $date } { $action }）：{ $recorded }；发布后被修改却没有新的台账记录
archive-ledger-unreadable = 无法读取发布台账：{ $error }
publish-needs-import = 本站还没有发布台账，且有 { $count } 条记录手写了发布日期（第一条：{ $first }）：请先运行 gongkai ledger import，把网站已声明的日期记入台账
ledger-import-not-empty = 台账中已有条目：ledger import 只用于建立台账（今后请用 gongkai publish）
config-bad-link = { $field }：“{ $url }”不是 http(s) 网址或以 / 开头的站内路径
config-bad-static = { $field }：“{ $name }”须为站点 static/ 文件夹下的文件名
config-missing-static = { $field }：找不到 static/{ $name }
config-empty-label = { $field }：名称不能为空

## 台账校验（gongkai ledger verify）

ledger-blank-line = { $what ->
        [blank] 空行
       *[trailing] 末尾有多余的空白
    }：每一行必须是一条记录
ledger-invalid-entry = 不是有效的台账条目：{ $error }
ledger-truncated = 最后一行不完整（不是完整的条目，也没有换行）：台账被截断了（{ $error }）
ledger-no-newline = 最后一行没有以换行结束：台账被截断或被手工修改
ledger-not-canonical = 这一行的写法与 gongkai 写入的不同（空格、键的顺序或数字格式有变化）：它被手工修改过
ledger-seq-zero = "seq" 从 1 开始
ledger-not-sha256 = "{ $field }" 不是 SHA-256（64 位小写十六进制）："{ $value }"
ledger-attachments-unsorted = "attachments" 没有按文件名排序或有重复
ledger-content-hash = "content_sha256" 不是 source_sha256 与各附件哈希的哈希：这一行被修改过
ledger-seq-edited = seq 为 { $seq }，但{ $why ->
        [first] 它是第一条
       *[follows] 它的 prev 表明它接在第 { $after_line } 行（seq { $after_seq }）之后
    }：seq 被修改过
ledger-inserted = 第 { $line } 行是插入的：seq { $seq } 已在第 { $genuine } 行，且哈希链为其作证
ledger-deleted = { $many ->
        [one] seq { $first } 的条目
       *[other] seq { $first }–{ $last } 的条目
    }在第 { $line } 行（seq { $seq }）之前被删除
ledger-out-of-order = 第 { $line } 行顺序不对：seq { $seq }；{ $place ->
        [after] 它应在第 { $at } 行（seq { $next }）之后
        [before] 它应在第 { $at } 行（seq { $next }）之前
       *[alone] 它前后的条目都缺失
    }
ledger-first-prev = 第一条的 prev 必须是 64 个 0：它之前的行被删除，或它被修改过
ledger-line-edited = 第 { $line } 行被修改过：第 { $by } 行（seq { $seq }）记录它的 SHA-256 为 { $recorded }…，现在是 { $now }…
ledger-clock-backwards = 时间倒退：at { $at } 早于第 { $line } 行的 { $before }
ledger-published-again = { $index_no } 再次发布，但第 { $line } 行已发布过它且未撤回
ledger-imported-again = { $index_no } 被导入，但第 { $line } 行已有它的记录：import 只用于开始一段历史
ledger-action-unpublished = { $index_no } 的 { $action }，但之前没有发布它的条目
ledger-action-withdrawn = { $index_no } 的 { $action }，但第 { $line } 行已撤回它
ledger-import-future = 导入条目声明的日期 { $date } 晚于写入时间（{ $at }）
ledger-date-not-day = { $action } 条目证明的是写入当天，但其日期 { $date } 不是 { $at } 那一天

## gongkai new 及其他

new-needs-code = 编号规则 { $scheme } 含 {"{"}field:{ $name }{"}"}，请用 --code { $name }=… 给出本记录的代码
new-serial-exhausted = 编号规则 { $scheme } 的流水号已用尽（{ $serial } 已是它能写出的最大流水号）
new-bad-code = --code "{ $code }" 应写作 NAME=VALUE
path-link-leaves-site = 路径 “{ $path }” 通过链接指向了网站文件夹之外
yaml-duplicate-key = 字段 “{ $key }” 写了两次：同一层中每个字段只能出现一次
help-subcommand-help = 显示本帮助，或某个命令的帮助

## 编号规则（index_format）

format-unclosed = index_format 中的 "{"{"}" 没有配对的 "{"}"}"
format-unmatched = index_format 中的 "{"}"}" 没有配对的 "{"{"}"
format-date-and-serial = index_format 须含一个日期部分（{"{"}YYYY{"}"}、{"{"}YYYYMM{"}"} 或 {"{"}YYYYMMDD{"}"}）和一个流水号（{"{"}NNNNN{"}"} 或 {"{"}N+{"}"}）
format-too-many-codes = index_format 最多含四个代码占位符
format-unknown-placeholder = index_format 中有未知的占位符 "{"{"}{ $name }{"}"}"（可用：{"{"}prefix{"}"} {"{"}publisher{"}"} {"{"}category{"}"} {"{"}field:NAME{"}"} {"{"}YYYY{"}"} {"{"}YYYYMM{"}"} {"{"}YYYYMMDD{"}"} {"{"}NNNNN{"}"} {"{"}N+{"}"}）
yaml-too-long = YAML 文本过长（{ $len } 字节，上限 { $max } 字节）
yaml-too-deep = YAML 嵌套过深（上限 { $max } 层）
yaml-too-expanded = YAML 展开过大：别名（*alias）展开后将有 { $nodes } 个节点、{ $bytes } 字节文本，超过原文的 { $factor } 倍或 { $max } 个节点的上限
publish-unreadable = 无法读取记录文件：{ $error }
publish-changed-meanwhile = 发布过程中文件被修改了；请再次运行 gongkai publish
publish-cannot-stamp = 无法填写发布日期：{ $error }
publish-stamp-breaks = 填写 published 会使记录无法读取：请手工填写今天的日期，或修正文件开头的 YAML
ledger-unreadable = 无法读取发布台账：{ $error }
archive-copy-failed = 无法复制到归档包：{ $error }
archive-changed-meanwhile = { $file } 在写入归档包时被修改（读取时 SHA-256 为 { $loaded }，复制时为 { $copied }）

## The desk's page words (src/desk/text.rs)
desk-desk = 信息公开工作台
desk-records = 记录
desk-preview = 预览
desk-publish = 签发
desk-new-record = 新建记录
desk-filter = 筛选
desk-filter-text = 名称或索引号含
desk-all-states = 全部状态
desk-state = 状态
desk-title = 名称
desk-index-no = 索引号
desk-reasons = 暂不发布的原因
desk-no-records = 本目录暂无记录。
desk-save = 保存
desk-check = 检查
desk-body = 正文
desk-body-help = Markdown 格式：空一行分段，**加粗**，“- ”开头为列表。
desk-body-preview = 正文预览
desk-upload = 上传附件
desk-upload-help = PDF、OFD、Word、Excel、WPS、图片等，单个不超过 20 MiB；不接受网页、SVG、脚本。文件存入本记录所在目录的 _files/。
desk-upload-title = 附件名称
desk-saved = 已保存。
desk-unchanged = 没有改动，文件未写入。
desk-created = 已新建记录。
desk-problems = 请先改正以下问题
desk-problems-intro = 未保存：文件保持原样，您填写的内容仍在下面。
desk-conflict = 文件在您打开之后已被修改（可能是别人或别的程序）。为免覆盖他人的修改，本次没有保存。您填写的内容仍在下面；
desk-reload = 重新载入文件（放弃本页的修改）
desk-other-fields = 表单未列出的字段（如预决算表格、extra）在文件中保持原样。
desk-workflow = 审核与发布
desk-submit-review = 提交审核
desk-sign-review = 审核签字
desk-sign-help = 保密审查为“非涉密”、结论为“同意公开”时记录转为“已批准”，签发后公开；否则退回草稿。
desk-withdraw = 撤回
desk-withdraw-help = 撤回后页面从网站删除，公开台账记下撤回。
desk-publish-help = 签发即运行与 gongkai publish 相同的程序：为新批准的记录填写发布日期，在公开台账（ledger.jsonl）记下每次发布、修订和撤回，然后构建网站到 public/。
desk-publish-now = 签发
desk-published-entries = 台账本次记下
desk-nothing-to-publish = 没有需要签发的记录：台账已是最新。
desk-ledger = 公开台账（最近 20 条）
desk-ledger-empty = 台账暂无记录。
desk-build-failed = 已记入台账，但网站构建失败：
desk-publish-failed = 签发未进行，记录和台账均未改动：
desk-back = 返回记录列表
desk-refused = 请求被拒绝
desk-view-preview = 在预览中查看
desk-to-publish = 待签发
desk-waiting = 待审核
desk-state-draft = 草稿
desk-state-review = 待审核
desk-state-approved = 已批准
desk-state-published = 已发布
desk-state-withdrawn = 已撤回
desk-state-held = 暂缓
desk-state-broken = 有错误
desk-action-publish = 发布（publish）
desk-action-revise = 修订（revise）
desk-action-withdraw = 撤回（withdraw）
desk-action-import = 导入（import）
desk-built = 网站已构建到 public/：公开 { $records } 条，暂不发布 { $withheld } 条。

## Operating-system errors of common kinds, inside other messages
io-not-found = 文件或文件夹不存在
io-permission-denied = 没有读写权限
io-already-exists = 已经存在
io-is-a-directory = 这是文件夹，不是文件
io-not-a-directory = 路径中有一段不是文件夹
io-storage-full = 磁盘空间已满
io-read-only = 磁盘是只读的
