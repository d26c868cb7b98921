# gongkai's user-facing words (English). Every message has a twin of the same id and arguments
# in locales/zh-CN/gongkai.ftl.

## Diagnostics

severity-error = error
severity-warning = warning
diag-summary = { $errors } { $errors ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    }

## Why a record is withheld

withheld-not-approved = status is { $status }, not approved
withheld-not-proactive = disclosure is { $disclosure }
withheld-no-review = no complete review
withheld-secret = review.secrecy is { $secrecy }
withheld-embargoed = embargoed until { $until }
withheld-not-yet-published = approved but not yet published (run gongkai publish)
withheld-personal-data = personal data found: { $kind ->
        [resident-id] resident ID number
        [bank-card] bank card number
        [mobile] mobile number
        [passport] passport-like number
       *[email] private e-mail address
    } { $masked } at line { $line }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }
withheld-imported-unreviewed = imported on { $on }, not yet reviewed, and not published before the import: write its review, then publish

## Common

operational-error = error: { $error }
list-separator = ;{" "}
note-text = note: { $text }

## Progress

progress-silent = working
progress-reading-records = reading records
progress-writing-pages = writing record pages
progress-reading-pages = reading pages
progress-writing-records = writing records
progress-done = { $task }: { $count } in { $seconds } s

## gongkai build

build-failed = build failed: nothing was written; { $out } left as it was
build-summary = built { $records } records ({ $withheld } withheld) into { $out }: { $pages } pages, { $files } files, { $warnings } warnings, in { $seconds } s
build-summary-incremental = built { $records } records ({ $withheld } withheld) into { $out }: { $pages } pages, { $files } files ({ $written } rewritten, { $removed } removed), { $warnings } warnings, in { $seconds } s
note-report-held-back = note: { $path } has errors: this annual report is held back (no page, no exports); the rest of the site was built
note-cache-not-saved = note: build cache not saved ({ $error }): the next build will build everything

## gongkai check

check-withheld = withheld { $path } ({ $index_no }): { $reasons }
check-health = site health: { $stale } stale { $stale ->
        [one] column
       *[other] columns
    }, { $empty } empty { $empty ->
        [one] column
       *[other] columns
    } (the inspection fails a site at { $stale_limit } stale or { $empty_limit } empty)
check-report-written = wrote the check report to { $path }

## gongkai serve / desk

serve-listening = serving { $root } on http://127.0.0.1:{ $port }/ (Ctrl-C to stop)
    preview folder { $folder } (removed on exit)
serve-listening-drafts = serving { $root } on http://127.0.0.1:{ $port }/ with drafts (Ctrl-C to stop)
    preview folder { $folder } (removed on exit)
serve-rebuilt = rebuilt { $records } records in { $seconds } s ({ $counts })
serve-error-title = Build failed
serve-error-hint = Fix these and save; this page reloads by itself.
serve-not-found = Not found.
serve-no-build = No successful build yet.
desk-listening = desk for { $root } on http://127.0.0.1:{ $port }/ (Ctrl-C to stop)

## gongkai publish / ledger

publish-failed = publish failed: nothing was changed; records and ledger are as they were
publish-nothing = nothing to publish: { $ledger } is up to date
publish-appended = { $ledger }: appended { $counts }
publish-build-failed = the publication is recorded, but the build failed: { $out } left as it was
publish-built = built { $records } records ({ $withheld } withheld) into { $out }
ledger-import-failed = import failed: nothing was written
ledger-imported = { $ledger }: imported the publication dates of { $count } records (claimed by the site, not witnessed); head sha256 { $head }
ledger-none = no { $ledger } in { $root }: nothing to verify (start one with gongkai ledger import or gongkai publish)
ledger-unreadable-records = note: { $errors } errors in records (see gongkai check); their ledger entries may show as unknown
ledger-verified = { $ledger }: { $entries } entries, chain intact, every published record agrees; head sha256 { $head }

## gongkai report / archive / import

report-no-data-file = no data file for the { $year } annual report
archive-failed = archive export failed: nothing was written
archive-rejected = archive export failed its own check: nothing was written
archive-bag-written = wrote a bag of { $records } records to { $path } (Payload-Oxum { $oxum })
archive-warc-written = captured { $files } files into { $path }
import-created = created { $path }
import-summary = import { $source } ({ $read_as }): { $created } created ({ $published } published, { $held_review } waiting for review, { $held_personal } held for personal data), { $skipped } already imported, { $changed } changed at the source and left as they are, { $not_records } pages that are not records, { $problems } problems
import-ledger-appended = ledger.jsonl: { $entries } import entries appended for records published before the import
import-no-ledger = no ledger.jsonl yet: the imported publication dates are taken as they are; run gongkai ledger import to start the ledger

## gongkai status

status-section = { $title }: { $count }
status-opens = {" "}— opens { $when }
status-to-publish = new, to be published
status-to-revise = published, changed since (revise)
status-to-withdraw = withdrawn, still in the ledger (withdraw)
status-waiting-for-review = waiting for review
status-embargoes = embargoes opening within { $days } days
status-drafts = drafts: { $count }

## --help

help-arg-site = The site folder (holding site.yaml and content/)
help-arg-now = Pretend the time is this instant (RFC 3339 or YYYY-MM-DD), for reproducible builds and tests; also read from GONGKAI_NOW. Ledger entries made under it say so
help-arg-help = Print help
help-arg-version = Print version
help-gongkai = Static-site generator for government information-disclosure (政府信息公开) sites
help-gongkai-quiet = Print only errors
help-gongkai-verbose = Also print each stage's time and memory (same as GONGKAI_TIMINGS=1)
help-gongkai-lang = The language of messages: zh-CN or en (default: LC_ALL/LANG, else the site's language)
help-gongkai-build = Validate every record and render the site into the output folder
help-gongkai-build-out = Output folder (default: <site>/public). Written aside and swapped in when complete. It must be missing, empty or a previous gongkai output, and none of the site's inputs
help-gongkai-build-strict = Treat site-health warnings (timeliness, stale or empty columns, broken links) as errors. A strict build is always a full build
help-gongkai-build-full = Ignore the build cache (.gongkai-cache/) and render every page again
help-gongkai-build-allow-mass-withdrawal = Build even when no record would be published, or fewer than half of the records the output folder shows now (without it, such a build stops with exit code 2)
help-gongkai-check = Validate everything `build` validates, render into a temporary folder to check links, and list withheld records; writes nothing but the optional report
help-gongkai-check-format = Output format of the diagnostics
help-gongkai-check-strict = Treat site-health warnings (timeliness, stale or empty columns, broken links) as errors
help-gongkai-check-report = Also write a readable HTML report for the office to this file
help-gongkai-new = Create a draft record in a catalog node with the next free 索引号 of this year
help-gongkai-new-node = The catalog node (栏目): its Chinese name (通知公告), its folder under content/ (zcwj/gfxwj) or a unique last part of it (gfxwj)
help-gongkai-new-title = The record's title (名称)
help-gongkai-new-publisher = The publisher (发布机构), by id or name (区政府办); its code and numbering scheme give the 索引号. Default: the node's publisher in site.yaml, else the first publisher
help-gongkai-new-codes = A code of the 索引号 that varies per record (`{"{"}field:NAME{"}"}` in the scheme), as NAME=VALUE; may be repeated
help-gongkai-serve = Preview the site on http://127.0.0.1:PORT/, rebuilding on every change. Never writes into public/
help-gongkai-serve-port = Port to listen on
help-gongkai-serve-drafts = Also show drafts and records in review, with a 草稿/待审核 banner and noindex
help-gongkai-desk = The office's desk in a browser on http://127.0.0.1:PORT/: records by catalog node with their state, forms to edit them, review sign-off, publish and withdraw; the draft preview runs beside it on PORT+1
help-gongkai-desk-port = Port to listen on
help-gongkai-desk-preview-port = Port of the preview beside it (default: PORT+1)
help-gongkai-desk-no-preview = Run without the preview
help-gongkai-report = Reports computed from the site
help-gongkai-report-annual = Validate the annual report (年报) of one year and write it as CSV and JSON
help-gongkai-report-annual-year = The year reported on (its data file is data/annual/<year>.yaml)
help-gongkai-report-annual-out = Folder to write <year>.csv and <year>.json into; without it, the JSON goes to stdout
help-gongkai-publish = Stamp `published` on newly approved records, record each publication, revision and withdrawal in the publication ledger (ledger.jsonl), then build
help-gongkai-publish-out = Output folder of the build (default: <site>/public). Every file in it is checked against the build cache by its content, and files changed by hand are rewritten
help-gongkai-publish-allow-mass-withdrawal = Build even when no record would be published, or fewer than half of the records the output folder shows now (without it, such a build stops with exit code 2)
help-gongkai-ledger = The publication ledger: verify its hash chain, or start it for a site with a history
help-gongkai-ledger-verify = Prove the hash chain intact and every published record in agreement with it
help-gongkai-ledger-import = Record the published dates a site already claims, once, as `import` entries
help-gongkai-status = What the next publish would do: new, revised and withdrawn records, records waiting for review, embargoes opening within 7 days, and the release gate's warnings
help-gongkai-status-format = Output format
help-gongkai-import = Bring an office's existing records in (导入): from a catalog spreadsheet of the old CMS (CSV in UTF-8 or GBK/GB18030, XLSX, XLS) or from a saved copy of the old site (a folder of HTML pages). Records land in content/<node>/ marked `imported`, keeping their 索引号; running it again creates nothing new
help-gongkai-import-source = The spreadsheet file, or the folder of the saved site
help-gongkai-import-mapping = A mapping file (YAML) for headers, catalog nodes, publishers, values, date formats and page selectors the built-in tables miss (see docs/moving-in.md)
help-gongkai-import-node = The catalog node (folder path under content/) of rows and pages that name none
help-gongkai-archive = Export to the archive: a BagIt bag of one year's published records (--year), or a WARC capture of the whole rendered site (--warc)
help-gongkai-archive-year = The year whose published records go into the bag
help-gongkai-archive-batch = The batch number of this transfer (Bag-Group-Identifier, Bag-Count, External-Identifier)
help-gongkai-archive-out = The bag folder to create (must not exist or be empty); with --tar the .tar file; with --warc the .warc.gz file
help-gongkai-archive-tar = Write the bag as one .tar file (sorted entries, fixed times and owners)
help-gongkai-archive-sm3 = Add SM3 (GB/T 32905) manifests beside the SHA-256 ones
help-gongkai-archive-date = Bagging-Date / WARC-Date as YYYY-MM-DD (default: today); the same site and date give byte-identical output
help-gongkai-archive-warc = Capture the whole rendered site as a WARC 1.1 file instead of writing a bag

## Reading records and YAML (fields, values)

missing-field = missing required field "{ $field }"
missing-field-labelled = missing required field "{ $field }" ({ $label })
unknown-field = unknown field "{ $field }"
unknown-field-suggest = unknown field "{ $field }"; did you mean "{ $suggestion }"?
wrong-shape = field "{ $field }": expected { $expected ->
        [list] a list
        [text] text
        [bool] true or false
        [mapping] a mapping of fields
        [choice] one of the allowed values
        [nothing] nothing
        [integer] a whole number
        [number] a number
       *[other] { $expected }
    }, found { $found ->
        [nothing] nothing
        [list] a list
        [mapping] a mapping
       *[other] "{ $value }"
    }
not-one-of = field "{ $field }": "{ $value }" is not one of { $allowed }
bad-date = field "{ $field }": invalid date "{ $value }": expected YYYY-MM-DD
bad-date-time = field "{ $field }": invalid date-time "{ $value }": expected YYYY-MM-DDTHH:MM:SS+08:00 or YYYY-MM-DD

## YAML syntax and slips of Chinese typing

yaml-malformed = malformed YAML: { $detail }
slip-full-width-colon = full-width colon "：": type a half-width ":" followed by a space
slip-tab-indent = tab in the indentation: indent with spaces
slip-unclosed = "{ $open }" opened here is never closed with "{ $close }"
slip-full-width-comma = items separated by "{ $comma }": use a half-width comma ",", or they are read as one item
slip-full-width-bracket = full-width bracket "{ $bracket }": write lists with a half-width "{ $ascii }"
slip-chinese-quotes = Chinese quotes around the value become part of it: use half-width "" if quotes are meant

## Index numbers (索引号)

index-bad-legacy = the old 索引号 "{ $value }" cannot be used: { $why }
index-no-match = 索引号 "{ $value }" does not match the site's format { $format } (e.g. { $example })
index-no-match-legacy-hint = 索引号 "{ $value }" does not match the site's format { $format } (e.g. { $example }); a number kept from an older scheme needs index_no_scheme: legacy
index-no-match-publisher = 索引号 "{ $value }" does not match the numbering scheme { $format } of publisher { $publisher } (e.g. { $example }); a number kept from an older scheme needs index_no_scheme: legacy
index-wrong-date-published = the date { $written } in 索引号 { $value } is neither created ({ $created }) nor published ({ $published })
index-wrong-date = the date { $written } in 索引号 { $value } is not created ({ $created }), and the record is not yet published
index-bad-reference = "{ $value }" is not a 索引号 of this site (a referenced 索引号 cannot be empty or contain spaces)
index-duplicate = 索引号 { $value } is already used by { $other }
index-same-address = 索引号 { $value } differs from { $other_value } ({ $other }) only in separators: same page address { $slug }.html
reference-unknown = "{ $field }" names 索引号 { $target }, which no record has
reference-unpublished = "{ $field }" names { $target } ({ $path }), which is not published: a public page cannot link to it

## Publishers, catalog nodes, topics, genres, channels

name-unknown = unknown { $what ->
        [publisher] publisher
        [node] catalog node
        [topic] topic
        [genre] genre
       *[channel] channel
    } "{ $value }" (not in site.yaml)
name-unknown-suggest = unknown { $what ->
        [publisher] publisher
        [node] catalog node
        [topic] topic
        [genre] genre
       *[channel] channel
    } "{ $value }" (not in site.yaml); did you mean "{ $suggestion }"?
name-unknown-suggest-named = unknown { $what ->
        [publisher] publisher
        [node] catalog node
        [topic] topic
        [genre] genre
       *[channel] channel
    } "{ $value }" (not in site.yaml); did you mean "{ $suggestion }" ({ $name })?
name-ambiguous = ambiguous { $what ->
        [publisher] publisher
        [node] catalog node
        [topic] topic
        [genre] genre
       *[channel] channel
    } "{ $value }": it fits { $count } entries, { $candidates }; write its id or full name

## Records: files, fields, review, attachments, links

file-not-utf8 = file is not valid UTF-8 (save it as UTF-8)
file-empty = file is empty
folder-not-node = folder "content/{ $folder }" is not a catalog node in site.yaml
folder-not-node-suggest = folder "content/{ $folder }" is not a catalog node in site.yaml; did you mean content/{ $suggestion }/?
field-not-for-kind = field "{ $field }" belongs to kind { $kinds } but this record is { $kind }
service-element-missing = service guide is missing its key element { $label } ("{ $field }")
review-missing = an approved record needs a "review" (by, on, secrecy: 非涉密, conclusion)
review-missing-field = review of an approved record is missing "{ $field }" ({ $label })
review-no-consent = the review's conclusion is "{ $conclusion }": an approved 主动公开 record needs the conclusion 同意公开
review-secret = review.secrecy is "{ $secrecy }": only { $not_secret } records may be approved for publication
review-before-created = the review date { $on } is before the record was created ({ $created })
path-leaves-site = path "{ $path }" leaves the site (absolute paths and ".." out of the site are not allowed)
attachment-not-found = file "{ $file }" not found (looked for { $looked })
body-link-bad-index = link "{ $link }" in the body: "{ $value }" is not a 索引号 of this site
body-link-unsafe = link "{ $link }" in the body is unsafe: javascript:, data: and similar addresses are not allowed
body-link-relative = link "{ $link }" in the body: use an absolute URL, a #anchor, gk:<索引号> for another record, or an attachment
reason-missing = a record marked { $disclosure } needs a "reason"
superseded-needs-validity = "superseded_by" needs validity 已废止, 已修改 or 已失效
waiver-empty = pii_waiver.{ $field } is empty: a waiver must say why publishing the personal data is lawful, and who decided
doc-no-format = 文号 "{ $doc_no }" does not look like 机关代字〔年份〕序号号
summary-missing = no "summary" and no first paragraph in the body to derive it from
interpretation-needs-interprets = an interpretation must name the policy it explains in "interprets"
procurement-needs-award = a procurement at the award stage or later needs "award" (supplier and amount)
procurement-needs-contract = a procurement at the contract stage or later needs "contract"
budget-needs-tables = a budget needs "tables", or an attachment that is its authoritative form (详见附件)
budget-no-table = a budget needs at least one table
content-folder-unreadable = cannot read the content folder { $folder }: { $error }
file-unreadable = cannot read file: { $error }
attachment-outside = attachment "{ $file }" { $what ->
        [site-yaml] is the site configuration site.yaml
        [data] is in the data/ folder
        [ledger] is the publication ledger
        [record] is the source file of another record
       *[elsewhere] is not in this record's _files/ folder
    }: an attachment must be a file in { $dir }/_files/, beside its record
attachment-active = attachment "{ $file }" is a page, SVG or script that would run on the site's own domain: refused; use PDF or OFD
attachment-mismatch = attachment "{ $file }": the name says { $claimed }, the content is { $found }; the content counts
attachment-unnamed-format = attachment "{ $file }" has an unusual extension; the content is { $found }
attachment-unknown-format = the format of attachment "{ $file }" is not recognised from its content (not PDF, OFD, Office, WPS, image, audio/video, archive or text); copied as it is
attachment-unreadable = cannot read attachment "{ $file }": { $error }
attachment-not-scanned = attachment "{ $file }": { $why } (not scanned for personal data)
front-not-mapping = a record's YAML must be a mapping of fields
front-not-closed = front matter is not closed: add a "---" line after the YAML
record-too-large = record file too large (limit { $mib } MiB): put long texts into an attachment
table-too-narrow = { $table }: a table needs a label column and at least one figure column
table-row-cells = { $table }: row has { $cells } cells but the table has { $columns } columns
table-not-a-number = { $table }: "{ $value }" is not a number
table-total-figures = { $table }: total has { $figures } figures but the table has { $columns } figure columns
table-total-mismatch = { $table }: total of "{ $column }" is { $declared } but its rows sum to { $sum }
table-orphan-sub-row = { $table }: "{ $row }" is a 其中 row with no row above it
table-sub-rows-exceed = { $table }: 其中 rows of "{ $row }" sum to { $sum } in "{ $column }", more than the row itself ({ $whole })

## Personal data and publication checks

pii-found = personal data in { $where_ ->
        [body] the body
        [field] "{ $place }"
       *[attachment] { $place }
    }: { $kind ->
        [resident-id] resident ID number
        [bank-card] bank card number
        [mobile] mobile number
        [passport] passport-like number
       *[email] private e-mail address
    } { $masked }; the record is withheld (remove it, or add a pii_waiver {"{"}reason, by{"}"} if its publication is lawful)
pii-waived = personal data in { $where_ ->
        [body] the body
        [field] "{ $place }"
       *[attachment] { $place }
    }: { $kind ->
        [resident-id] resident ID number
        [bank-card] bank card number
        [mobile] mobile number
        [passport] passport-like number
       *[email] private e-mail address
    } { $masked }, published under the pii_waiver of { $by }: { $reason }
calendar-bad-holiday = holiday from { $from } to { $to }: "from" must not be after "to", and a holiday lasts at most a month
calendar-workday-not-weekend = make-up working day { $date } is not a Saturday or Sunday
calendar-both = { $date } is listed both as a holiday and as a working day
calendar-not-found = calendar file "{ $file }" not found
calendar-none = no working-day calendar ({ $file }): timeliness counts weekends only, not statutory holidays
calendar-unreadable = cannot read the calendar: { $error }
late-publication = published { $published }, { $days } working days after it was created on { $created } (条例 Art. 26 allows { $limit }){ $uncovered ->
        [none] {""}
       *[other] {" "}(approximate: the calendar does not cover { $uncovered })
    }
late-interpretation = interpretation published { $published }, { $days } working days after its policy { $policy } ({ $policy_published }); it should follow within { $limit }{ $uncovered ->
        [none] {""}
       *[other] {" "}(approximate: the calendar does not cover { $uncovered })
    }
calendar-year-uncovered = the calendar has no days of { $year }: counts touching it are approximate; add them from that year's holiday notice of the State Council
column-stale = column { $name } ({ $path }) is stale: its newest record was published on { $newest }, { $age } days ago (fresh_within_days: { $fresh })
column-empty = column { $name } ({ $path }) is empty: no published record in it or below it
home-stale = the home page's newest item was published on { $newest }, { $age } days ago (the inspection expects one at least every { $limit } days)
inspection-threshold = { $stale } stale and { $empty } empty columns: the inspection fails a site at { $stale_limit } stale or { $empty_limit } empty columns
link-broken = { $attr } "{ $value }" { $why ->
        [outside] leads outside the site
        [not-written] leads to a file the build did not write
        [not-written-at] leads to { $target }, which the build did not write
       *[no-anchor] points at #{ $fragment }, but { $target } has no element with that id
    }{ $source ->
        [none] {""}
       *[other] {" "}(page of { $source })
    }

## site.yaml

config-unreadable = cannot read site configuration: { $error }
config-base-url = base_url must be an absolute http(s) URL ending in "/"
config-index-prefix-empty = org.index_prefix must not be empty
config-page-size = build.page_size must be at least 1
config-publisher-twice = publisher id "{ $id }" is used twice
config-theme-name = theme "{ $theme }" must be a plain folder name under themes/
config-calendar-path = calendar path "{ $path }" leaves the site
config-unsafe-url = URL "{ $url }" is unsafe: only http(s):// and mailto: URLs are allowed
config-node-id = catalog id "{ $id }" must be a folder name of letters, digits, "-" or "_"
config-node-id-reserved = catalog id "{ $id }" is reserved for the section's own pages under xxgk/ ({ $reserved })
config-node-id-twice = catalog id "{ $id }" is used twice under the same parent

## The publication ledger (ledger.jsonl)

ledger-missing = no publication ledger: hand-written published dates are trusted; run gongkai ledger import
ledger-unknown-index = entry for 索引号 { $index_no }, which no record of the site has (a published record's file must not be deleted: set status: withdrawn)
ledger-no-entry = published { $published }, but { $ledger } has no entry for 索引号 { $index_no }: publication dates are not written by hand; run gongkai publish (it stamps today's date and records it)
ledger-republished = { $ledger }:{ $line } records its withdrawal, but it is published again: run gongkai publish to record the re-publication
ledger-date-changed = published is { $published }, but { $ledger }:{ $line } records its publication on { $recorded } (a publication date must not be changed)
ledger-file-changed = the file changed after publication: its SHA-256 is { $now }…, { $ledger }:{ $line } records { $recorded }…; run gongkai publish to record a revision
ledger-attachment-changed = attachment { $file } { $what ->
        [changed] changed
        [removed] was removed
       *[added] was added
    } after publication ({ $ledger }:{ $line }); run gongkai publish to record a revision
ledger-content-changed = the content hash differs from { $ledger }:{ $line }; run gongkai publish to record a revision
ledger-withdrawal-unrecorded = status is withdrawn, but { $ledger }:{ $line } still shows it published: run gongkai publish to record the withdrawal
ledger-withheld-unrecorded = { $ledger }:{ $line } shows it published, but it is now withheld ({ $reasons }): its page left the site without a ledger entry; set status: withdrawn and run gongkai publish

## The annual report (政府信息公开工作年度报告)

report-row-total = 「{ $row }」: 总计 is { $total } but the applicant columns sum to { $sum }
report-results-total = 「（七）总计」 of 「{ $column }」 is { $total } but the results （一）–（六） above it sum to { $sum }
report-column-balance = 「{ $column }」 does not balance: 一 { $new } + 二 { $old } = { $received } but 三（七） { $done } + 四 { $left } = { $handled }
report-appeal-total = 「{ $block }」: 总计 is { $total } but 结果维持, 结果纠正, 其他结果 and 尚未审结 sum to { $sum }
report-carried-over = 「{ $column }」: 上年结转 is { $carried } but { $previous } carried { $then } over to this year
report-in-force = { $class } 现行有效 { $how ->
        [written] is written as
       *[counted] counts from the records as
    } { $now } but last year's { $prev } + 制发 { $issued } − 废止 { $abolished } = { $expected }
report-differs = { $what } is written as { $written }; the records count { $counted }; the figure written is shown
report-slip = kept as published (the report is already public), but the figures do not add up: { $finding }
report-config-node = report.{ $key }: "{ $path }" is not a catalog node path
report-config-nb = a top-level catalog node "nb" would share { $dir }/ with the annual reports
report-missing = the { $year } annual report (政府信息公开工作年度报告) was due by { $deadline } and has no data file
report-file-name = an annual report data file must be named YYYY.yaml (the year it reports on)

## gongkai import

import-too-large = file too large (limit { $mib } MiB): not read
import-unreadable = cannot read: { $error }
import-unknown-target = "{ $column }" is mapped to an unknown field "{ $name }"; known: index_no title publisher issuer doc_no created dated published effective expires topics genre keywords validity registration_no info_source summary body attachments node url extra ignore
import-bad-date-format = invalid date format "{ $format }" (a chrono format, e.g. %Y年%m月%d日)
import-bad-selector = invalid CSS selector "{ $selector }"
import-no-header = no header row, or no known column (标题, 索引号…) in it
import-unknown-column = unknown column "{ $column }": its values are kept in the record's extra (name a field for it in the mapping file's columns, or write ignore)
import-too-many-rows = more rows than the limit of { $cap }: the rest were not imported
import-cell-too-long = a "{ $column }" cell is longer than { $kib } KiB: cut
import-csv-syntax = malformed CSV: { $error }
import-encoding-malformed = bytes that { $encoding } cannot decode were replaced with �: please check
import-encoding-contradicted = the page declares { $declared } but its bytes are { $used }: read as { $used }
import-missing = missing { $what }: not imported
import-bad-date = { $label } "{ $value }" is not a date it can read (e.g. 2023-05-06, 2023/5/6, 2023年5月6日): not imported
import-bad-validity = unknown validity "{ $value }" (有效, 已修改, 已废止, 已失效): kept in extra
import-not-in-vocabulary = { $label } "{ $value }" is not in site.yaml's vocabularies: kept in extra (map it in the mapping file's values)
import-unknown-publisher = publisher "{ $value }" is not in site.yaml's publishers (map it to an id in the mapping file's publishers): not imported
import-no-publisher = no publisher: write publisher: <id> in the mapping file; not imported
import-unknown-node = "{ $value }" is not a catalog node of site.yaml (map it in the mapping file's nodes, or use --node): not imported
import-no-node = no catalog node: use --node or write node in the mapping file; not imported
import-bad-index-no = 索引号 "{ $value }" cannot be kept: { $why }; not imported
import-duplicate = 索引号 { $index_no } is also in { $first }: not imported
import-existing = a record of the site, { $path }, already has 索引号 { $index_no } (not from an import): not imported
import-changed = 索引号 { $index_no } was imported before as { $path }, but the source has changed since; not updated, so as not to overwrite edits: please check
import-record-invalid = the imported record would not load: { $first }{ $more ->
        [0] {""}
       *[other] {" "}(and { $more } more)
    }; not imported
import-attachment-missing = attachment "{ $link }" is not in the saved folder: not copied
import-attachment-outside = attachment link "{ $link }" leads outside the imported folder: not copied
import-attachment-refused = attachment "{ $link }" is a page or script: refused
import-attachment-too-large = attachment "{ $link }" is too large: not copied
import-no-body = no article body found (write a CSS selector in the mapping file's html.body)
import-too-many-pages = more pages than the limit of { $cap }: the rest were not read
import-ledger-broken = ledger.jsonl does not verify: the imported records were not entered in the ledger; run gongkai ledger verify first
import-no-source-kind = the source must be a .csv, .xlsx or .xls file, or a folder of a saved site
import-held-personal = personal data found in the record, { $kind ->
        [resident-id] resident ID number
        [bank-card] bank card number
        [mobile] mobile number
        [passport] passport-like number
       *[email] private e-mail address
    } { $masked } at line { $line }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }: imported, but held back until it is dealt with
import-too-deep = page elements nested deeper than { $cap } levels: not read

## gongkai archive

archive-needs-field = { $field } ({ $label }) is needed for 档号
archive-no-retention = no retention period (保管期限) for { $index_no }: set `retention` on the record, on its catalog node, or `archive.retention.{ $kind }` in site.yaml
archive-destination = the output { $problem ->
        [exists] already exists; an export never overwrites one
        [bag] already holds a bag; an export never overwrites one
        [file] is a file, not a folder
       *[not-empty] is not empty
    }
archive-ledger-mismatch = the file's SHA-256 { $sha } differs from the one the publication ledger recorded for { $index_no } (entry { $seq }, { $action } on { $date }): { $recorded }; it was edited after publication without a new ledger entry
archive-ledger-unreadable = cannot read the publication ledger: { $error }
publish-needs-import = the site has no ledger yet, and { $count } records carry hand-written published dates (first: { $first }): run gongkai ledger import first to record the dates the site already claims
ledger-import-not-empty = the ledger already has entries: import only starts a ledger (use gongkai publish from now on)
config-bad-link = { $field }: "{ $url }" must be an http(s) URL or a root-relative path
config-bad-static = { $field }: "{ $name }" must be a file name under static/
config-missing-static = { $field }: static/{ $name } not found
config-empty-label = { $field }: a link needs a label

## Verifying the ledger (gongkai ledger verify)

ledger-blank-line = { $what ->
        [blank] blank line
       *[trailing] stray whitespace at the end
    }: every line must be one entry
ledger-invalid-entry = not a valid ledger entry: { $error }
ledger-truncated = the last line is cut short (not a complete entry, no newline): the ledger was truncated ({ $error })
ledger-no-newline = the last line does not end with a newline: the ledger was cut short or edited by hand
ledger-not-canonical = the line is not written the way gongkai writes entries (spacing, key order or number format changed): it was edited by hand
ledger-seq-zero = "seq" starts at 1
ledger-not-sha256 = "{ $field }" is not a SHA-256 (64 lowercase hex digits): "{ $value }"
ledger-attachments-unsorted = "attachments" are not sorted by file without repeats
ledger-content-hash = "content_sha256" is not the hash of source_sha256 and the attachment hashes: the line was edited
ledger-seq-edited = seq is { $seq }, but { $why ->
        [first] it is the first entry
       *[follows] its prev shows it follows seq { $after_seq } on line { $after_line }
    }: the seq was edited
ledger-inserted = line { $line } was inserted: entry seq { $seq } is already on line { $genuine }, which the chain vouches for
ledger-deleted = { $many ->
        [one] entry seq { $first } was
       *[other] entries seq { $first }–{ $last } were
    } deleted before line { $line } (which holds seq { $seq })
ledger-out-of-order = line { $line } is out of order: entry seq { $seq }; { $place ->
        [after] it belongs after line { $at } (seq { $next })
        [before] it belongs before line { $at } (seq { $next })
       *[alone] its neighbours are missing
    }
ledger-first-prev = the first entry's prev must be 64 zeros: lines before it were deleted or it was edited
ledger-line-edited = line { $line } was edited: line { $by } (seq { $seq }) recorded its SHA-256 as { $recorded }…, it now hashes to { $now }…
ledger-clock-backwards = the clock went backwards: at { $at } is earlier than { $before } on line { $line }
ledger-published-again = { $index_no } is published again, but line { $line } already published it and it was not withdrawn
ledger-imported-again = { $index_no } is imported, but line { $line } already records it: import only starts a history
ledger-action-unpublished = { $action } of { $index_no }, which no earlier line publishes
ledger-action-withdrawn = { $action } of { $index_no }, which line { $line } withdrew
ledger-import-future = an import claims the date { $date }, after it was made ({ $at })
ledger-date-not-day = a { $action } entry attests the day it was made, but its date { $date } is not the day of { $at }

## gongkai new and others

new-needs-code = the numbering scheme { $scheme } contains {"{"}field:{ $name }{"}"}: give this record's code with --code { $name }=…
new-serial-exhausted = the numbering scheme { $scheme } has run out of serial numbers ({ $serial } is the largest it can write)
new-bad-code = --code "{ $code }" must be written NAME=VALUE
path-link-leaves-site = path "{ $path }" leads outside the site through a link
yaml-duplicate-key = duplicate key "{ $key }": a field may appear only once at one level
help-subcommand-help = Print this message or the help of the given subcommand(s)

## Numbering schemes (index_format)

format-unclosed = unclosed "{"{"}" in index_format
format-unmatched = unmatched "{"}"}" in index_format
format-date-and-serial = index_format needs one date part ({"{"}YYYY{"}"}, {"{"}YYYYMM{"}"} or {"{"}YYYYMMDD{"}"}) and one serial ({"{"}NNNNN{"}"} or {"{"}N+{"}"})
format-too-many-codes = index_format may have at most four code placeholders
format-unknown-placeholder = unknown placeholder "{"{"}{ $name }{"}"}" in index_format (known: {"{"}prefix{"}"} {"{"}publisher{"}"} {"{"}category{"}"} {"{"}field:NAME{"}"} {"{"}YYYY{"}"} {"{"}YYYYMM{"}"} {"{"}YYYYMMDD{"}"} {"{"}NNNNN{"}"} {"{"}N+{"}"})
yaml-too-long = YAML document too large ({ $len } bytes, limit { $max } bytes)
yaml-too-deep = YAML nested too deeply (limit { $max } levels)
yaml-too-expanded = YAML expands past its budget: its aliases (*alias) would expand to { $nodes } nodes and { $bytes } bytes of text, more than { $factor } times the text or { $max } nodes
publish-unreadable = cannot read the record file: { $error }
publish-changed-meanwhile = the file changed while publishing; run gongkai publish again
publish-cannot-stamp = cannot stamp published: { $error }
publish-stamp-breaks = stamping published would break the record: set it by hand to today's date or fix the front matter
ledger-unreadable = cannot read the publication ledger: { $error }
archive-copy-failed = cannot copy into the archive package: { $error }
archive-changed-meanwhile = { $file } changed while the archive was being written (SHA-256 { $loaded } when loaded, { $copied } when copied)

## The desk's page words (src/desk/text.rs)
desk-desk = Disclosure desk
desk-records = Records
desk-preview = Preview
desk-publish = Publish
desk-new-record = New record
desk-filter = Filter
desk-filter-text = Title or index number contains
desk-all-states = All states
desk-state = State
desk-title = Title
desk-index-no = Index number
desk-reasons = Why it is not published
desk-no-records = No records in this node.
desk-save = Save
desk-check = Check
desk-body = Body
desk-body-help = Markdown: a blank line between paragraphs, **bold**, lines starting with “- ” for lists.
desk-body-preview = Body preview
desk-upload = Upload an attachment
desk-upload-help = PDF, OFD, Word, Excel, WPS, images; up to 20 MiB; no web pages, SVG or scripts. Stored in _files/ beside the record.
desk-upload-title = Attachment title
desk-saved = Saved.
desk-unchanged = Nothing changed; the file was not written.
desk-created = Record created.
desk-problems = Fix these first
desk-problems-intro = Not saved: the file is as it was; what you entered is still below.
desk-conflict = The file changed on disk after you opened it. To avoid overwriting that change, nothing was saved. What you entered is still below;{" "}
desk-reload = reload the file (drop the changes on this page)
desk-other-fields = Fields the form does not list (budget tables, extra) are kept in the file as they are.
desk-workflow = Review and publishing
desk-submit-review = Submit for review
desk-sign-review = Sign the review
desk-sign-help = With secrecy 非涉密 and conclusion 同意公开 the record becomes approved and is published by the next publish; otherwise it goes back to draft.
desk-withdraw = Withdraw
desk-withdraw-help = The page is removed from the site and the ledger records the withdrawal.
desk-publish-help = Publishing runs the same code as gongkai publish: stamps the published date of newly approved records, records each publication, revision and withdrawal in the ledger (ledger.jsonl), then builds the site into public/.
desk-publish-now = Publish
desk-published-entries = The ledger recorded
desk-nothing-to-publish = Nothing to publish: the ledger is up to date.
desk-ledger = Publication ledger (last 20 entries)
desk-ledger-empty = The ledger is empty.
desk-build-failed = Recorded in the ledger, but the build failed:
desk-publish-failed = Not published; records and ledger are unchanged:
desk-back = Back to the records
desk-refused = Request refused
desk-view-preview = View in the preview
desk-to-publish = To publish
desk-waiting = Waiting for review
desk-state-draft = Draft
desk-state-review = In review
desk-state-approved = Approved
desk-state-published = Published
desk-state-withdrawn = Withdrawn
desk-state-held = Held back
desk-state-broken = Has errors
desk-action-publish = publish
desk-action-revise = revise
desk-action-withdraw = withdraw
desk-action-import = import
desk-built = Built the site into public/: { $records } records published, { $withheld } withheld.

## Operating-system errors of common kinds, inside other messages
io-not-found = no such file or folder
io-permission-denied = permission denied
io-already-exists = it already exists
io-is-a-directory = it is a folder, not a file
io-not-a-directory = part of the path is not a folder
io-storage-full = the disk is full
io-read-only = the disk is read-only
