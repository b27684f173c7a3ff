<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../siyu_desktop/app.py" line="193"/>
        <source>正在生成演示工作区（首次启动）… {phase} {done}/{total}</source>
        <translation>Creating the demo workspace (first launch)… {phase} {done}/{total}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="234"/>
        <source>演示用的企业微信模拟器没有启动：{reason}</source>
        <translation>The demo WeCom emulator did not start: {reason}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="266"/>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="267"/>
        <source>社群</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="184"/>
        <location filename="../../siyu_desktop/app.py" line="268"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="185"/>
        <source>客户群</source>
        <translation>customer groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="186"/>
        <source>客户</source>
        <translation>members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="187"/>
        <source>添加关系</source>
        <translation>follow-ups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="188"/>
        <source>积分</source>
        <translation>points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="189"/>
        <source>进退群记录</source>
        <translation>join and leave records</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="190"/>
        <source>群统计</source>
        <translation>group statistics</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="197"/>
        <source>正在打开工作区…</source>
        <translation>Opening the workspace…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="246"/>
        <source>奖品目录</source>
        <translation>Reward catalog</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="247"/>
        <source>兑换记录</source>
        <translation>Redemptions</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="249"/>
        <source>规则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="251"/>
        <source>等级</source>
        <translation>Levels</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="269"/>
        <source>积分</source>
        <comment>nav</comment>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="270"/>
        <source>企业微信</source>
        <translation>WeCom</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="271"/>
        <source>操作记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="272"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="390"/>
        <source>已创建工作区“{brand}”。下一步：导入 Excel 客户名单，或在「企业微信」页连接并同步。</source>
        <translation>Created the workspace &quot;{brand}&quot;. Next: import an Excel roster, or connect and sync on the WeCom screen.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="397"/>
        <source>打开工作区文件</source>
        <translation>Open a workspace file</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="398"/>
        <source>私域运营台工作区 (*.db);;所有文件 (*)</source>
        <translation>Siyu Desktop workspaces (*.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="409"/>
        <source>重新生成演示工作区</source>
        <translation>Rebuild the demo workspace</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="410"/>
        <source>演示工作区会换成一份全新生成的演示数据，在里面做过的修改都会丢失。你自己的工作区不受影响。</source>
        <translation>The demo workspace is replaced by freshly generated demo data; changes made in it are lost. Your own workspaces are not affected.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="413"/>
        <source>重新生成</source>
        <translation>Rebuild</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="439"/>
        <source>已恢复备份“{name}”。</source>
        <translation>Restored the backup &quot;{name}&quot;.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="441"/>
        <source>恢复前的工作区另存为“{name}”，也列在「备份与恢复」里。</source>
        <translation> The workspace as it was before is kept as &quot;{name}&quot;, also listed under Backups.</translation>
    </message>
</context>
<context>
    <name>Ask</name>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/ask.py" line="29"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/ask.py" line="31"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AwardDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="53"/>
        <source>批量发放积分</source>
        <translation>Award points in bulk</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="67"/>
        <source>人群包</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="68"/>
        <source>粘贴名单</source>
        <translation>Paste a list</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="81"/>
        <source>客户编号、手机号或客户 ID（external_userid），每行一个，或用逗号、空格隔开</source>
        <translation>Member numbers, phone numbers or customer IDs (external_userid), one per line or separated by commas or spaces</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="85"/>
        <source>发给</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="89"/>
        <source>每位客户的积分；负数为扣回</source>
        <translation>Points for each member; a negative number takes points back</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="90"/>
        <source>每位积分</source>
        <translation>Points each</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="92"/>
        <source>例如：双十二预热活动奖励</source>
        <translation>e.g. Double 12 warm-up reward</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="93"/>
        <source>会出现在客户的积分明细里</source>
        <translation>Shown in the member&apos;s points statement</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="94"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="96"/>
        <source>批次标识</source>
        <translation>Batch key</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="97"/>
        <source>同一个批次标识对同一位客户只发一次：重跑或误点两次都不会重复发放。</source>
        <translation>A batch key awards each member only once: running it again or clicking twice never awards twice.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="102"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="112"/>
        <source>填好后点「预览」，看看发给谁、一共多少分；这时还没有写入任何东西。</source>
        <translation>Fill in the form and click &quot;Preview&quot; to see who gets points and how many in total; nothing is written yet.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="123"/>
        <source>客户编号</source>
        <translation>Member No.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="124"/>
        <source>客户</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="124"/>
        <source>（未命名）</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="125"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="126"/>
        <source>当前积分</source>
        <translation>Current points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="127"/>
        <source>本次</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="129"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="145"/>
        <source>撤销这次发放</source>
        <translation>Undo this award</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="147"/>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="201"/>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="209"/>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="250"/>
        <source>发放</source>
        <translation>Award</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="150"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="198"/>
        <source>已发过，跳过</source>
        <translation>Already awarded, skipped</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="200"/>
        <source>积分不足，跳过</source>
        <translation>Not enough points, skipped</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="201"/>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="250"/>
        <source>扣回</source>
        <translation>Take back</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="206"/>
        <source>内容已修改，请重新预览。</source>
        <translation>Something has changed; preview again.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="226"/>
        <source>没有匹配上的 {k} 项：</source>
        <translation>{k} entries not matched:</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="230"/>
        <source>……另有 {k} 项</source>
        <translation>… and {k} more</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="239"/>
        <source>名单 {t} 项：匹配到 {k} 位客户，{u} 项没有匹配上，{r} 项重复。</source>
        <translation>List of {t} entries: {k} members matched, {u} not matched, {r} repeated.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="242"/>
        <source>共 {k} 位客户。</source>
        <translation>{k} members in total.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="244"/>
        <source>其中 {k} 位已经在批次“{key}”里发过，这次跳过（同一批次不会重复发放）。</source>
        <translation>{k} of them already got points in batch &quot;{key}&quot; and are skipped (a batch never awards twice).</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="247"/>
        <source>其中 {k} 位可用积分不足 {a} 分，无法扣回，这次跳过。</source>
        <translation>{k} of them have fewer than {a} spendable points, so nothing can be taken back; they are skipped.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="251"/>
        <source>本次{verb}：{k} 位 × {a} 分 = 合计 {t} 分。</source>
        <translation>{verb}: {k} members × {a} points = {t} points in total.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="254"/>
        <source>下表列出前 {k} 位。</source>
        <translation>The table shows the first {k}.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="259"/>
        <source>{verb}给 {k} 位客户</source>
        <translation>{verb} points to {k} members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="261"/>
        <source>从 {k} 位客户扣回</source>
        <translation>Take points back from {k} members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/award_dialog.py" line="274"/>
        <source>正在发放…</source>
        <translation>Awarding…</translation>
    </message>
</context>
<context>
    <name>AwardTab</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="38"/>
        <source>给一个人群包或一份名单里的客户发放积分（填负数就是扣回）。先预览人数和总分，确认后再发放；发放可以撤销：撤销会追加冲正记录抵消它，账本里的记录不删不改。</source>
        <translation>Award points to the members of a segment or a list (a negative number takes points back). Preview the number of members and the total first, then award. An award can be undone: undoing adds reversal entries that cancel it, and no ledger entry is deleted or changed.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="43"/>
        <source>批量发放积分…</source>
        <translation>Award points in bulk…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="47"/>
        <source>从表格发放…</source>
        <translation>Award from a sheet…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="49"/>
        <source>Excel 或 CSV：每行一位客户（客户编号、手机号或客户 ID）和积分，可有「原因」「批次」列；导入前先预览，有问题的行可以存下来改好再导入。</source>
        <translation>Excel or CSV: one row per member (member number, phone or customer ID) with the points, optionally with &quot;Reason&quot; and &quot;Batch&quot; columns. You see a preview before importing; rows with problems can be saved, fixed and imported again.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="54"/>
        <source>导出积分明细…</source>
        <translation>Export points statements…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="60"/>
        <source>最近的批量发放</source>
        <translation>Recent bulk awards</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="62"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="63"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="64"/>
        <source>客户数</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="65"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="65"/>
        <source>已撤销 {at}</source>
        <translation>Undone {at}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="66"/>
        <source>已发放</source>
        <translation>Awarded</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="67"/>
        <source>内容</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="74"/>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="110"/>
        <source>选择一次发放，可以撤销它。</source>
        <translation>Select an award to undo it.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="77"/>
        <source>撤销所选发放…</source>
        <translation>Undo selected award…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="112"/>
        <source>这次发放已经撤销过了。</source>
        <translation>This award has already been undone.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="114"/>
        <source>撤销会给这 {k} 位客户各追加一条冲正记录；已经用掉的积分无法撤回，那时整次撤销不会执行。</source>
        <translation>Undoing adds a reversal entry for each of these {k} members. Points already spent cannot be taken back; if any have been, the undo is not carried out at all.</translation>
    </message>
</context>
<context>
    <name>BackupsController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="88"/>
        <source>还没有备份。</source>
        <translation>No backup yet.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="88"/>
        <source>上次备份：{time}</source>
        <translation>Last backup: {time}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="97"/>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="103"/>
        <source>已备份：{name}</source>
        <translation>Backed up: {name}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="114"/>
        <source>工作区</source>
        <translation>workspace</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="115"/>
        <source>{name}-副本</source>
        <translation>{name}-copy</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="118"/>
        <source>工作区文件 (*{suffix})</source>
        <translation>Workspace files (*{suffix})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="119"/>
        <source>导出工作区副本</source>
        <translation>Export a copy of the workspace</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="134"/>
        <source>正在导出工作区副本…</source>
        <translation>Exporting a copy of the workspace…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="139"/>
        <source>已导出工作区副本：{path}</source>
        <translation>Exported a copy of the workspace: {path}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="148"/>
        <source>当前工作区</source>
        <translation>the current workspace</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="149"/>
        <source>无法读取</source>
        <translation>unreadable</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="151"/>
        <source>用 {time} 的备份（{members} 位客户）替换当前的工作区文件“{file}”？

替换前，“{file}”会先另存一份副本到备份文件夹，之后也能恢复回来。工作区会关闭并重新打开；这之后做的改动不在这份备份里。</source>
        <translation>Replace the workspace file &quot;{file}&quot; with the backup of {time} ({members} customers)?

Before that, &quot;{file}&quot; is saved as a copy in the backups folder, so you can restore it later. The workspace closes and opens again; changes made after this backup are not in it.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="169"/>
        <source>恢复备份</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="170"/>
        <source>恢复这份备份</source>
        <translation>Restore this backup</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/backups_controller.py" line="170"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="121"/>
        <source>备份与恢复</source>
        <translation>Backups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="125"/>
        <source>每天自动备份一次，保留最近几份；恢复前，当前的工作区文件会先另存一份副本，也列在这里。导出的副本可以交给同事，用“打开工作区文件”打开。</source>
        <translation>The workspace is backed up automatically once a day and the latest few backups are kept. Before a restore, the current workspace file is saved as a copy, listed here too. An exported copy can be handed to a colleague, who opens it with &quot;Open workspace file&quot;.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="146"/>
        <source>还没有备份。点“立即备份”做第一份。</source>
        <translation>No backups yet. Click &quot;Back up now&quot; to make the first.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="164"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="167"/>
        <source>恢复所选备份…</source>
        <translation>Restore selected backup…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="170"/>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="222"/>
        <source>先在列表中选一份备份。</source>
        <translation>Select a backup in the list first.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="172"/>
        <source>导出工作区副本…</source>
        <translation>Export a copy…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="175"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="224"/>
        <source>这份备份无法读取，不能用来恢复。</source>
        <translation>This backup cannot be read and cannot be restored.</translation>
    </message>
</context>
<context>
    <name>BackupsModel</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="79"/>
        <source>备份时间</source>
        <translation>Backed up at</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="79"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="80"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="80"/>
        <source>客户数</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="83"/>
        <source>恢复前保留的副本</source>
        <translation>Copy kept before a restore</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="83"/>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="84"/>
        <source>升级前的副本</source>
        <translation>Copy kept before an upgrade</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/backups_dialog.py" line="87"/>
        <source>无法读取</source>
        <translation>Unreadable</translation>
    </message>
</context>
<context>
    <name>BoardTab</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="172"/>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="182"/>
        <source>全部客户</source>
        <translation>All members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="185"/>
        <source>周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="187"/>
        <source>按周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="188"/>
        <source>按月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="193"/>
        <source>查看排行</source>
        <translation>Show leaderboard</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="198"/>
        <source>积分 = 这段时间里获得的积分（参与游戏、规则奖励、批量发放等“获得”记录），之后被冲正或撤销的不算；期初余额、导入余额等调整不算。群排行只看现在还在群里的客户。</source>
        <translation>Points = points earned in the period (&quot;earned&quot; entries: games, rule rewards, bulk awards and so on), not counting any later reversed or undone; adjustments such as opening or imported balances do not count. A group leaderboard only counts members still in the group.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="208"/>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="209"/>
        <source>客户</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="209"/>
        <source>（未命名）</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="210"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="211"/>
        <source>客户编号</source>
        <translation>Member No.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="212"/>
        <source>获得积分</source>
        <translation>Points earned</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="231"/>
        <source>{name}（{k} 人）</source>
        <translation>{name} ({k} people)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="257"/>
        <source>正在计算排行…</source>
        <translation>Calculating the leaderboard…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="262"/>
        <source>{scope} · {when}：这段时间没有人获得积分。</source>
        <translation>{scope} · {when}: nobody earned points in this period.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="266"/>
        <source>{scope} · {when}：{k} 位客户获得积分，合计 {p} 分；显示前 {shown} 名。</source>
        <translation>{scope} · {when}: {k} members earned {p} points in total; top {shown} shown.</translation>
    </message>
</context>
<context>
    <name>CatalogTab</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="78"/>
        <source>奖品目录</source>
        <translation>Reward catalog</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="79"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="82"/>
        <source>新增奖品</source>
        <translation>Add reward</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="84"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="86"/>
        <source>导入券码…</source>
        <translation>Import codes…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="88"/>
        <source>从 Excel 或 CSV 导入优惠券的券码：一列券码，表头可有可无；每个券码只会发出一次。</source>
        <translation>Import a coupon&apos;s codes from Excel or CSV: one column of codes, with or without a header. Each code is given out only once.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="90"/>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="204"/>
        <source>下架</source>
        <translation>Take off shelf</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="97"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="98"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="99"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="101"/>
        <source>另付现金</source>
        <translation>Plus cash</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="103"/>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="105"/>
        <source>每人限兑</source>
        <translation>Limit per member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="107"/>
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="109"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="121"/>
        <source>还没有奖品。点“新增奖品”添加优惠券、实物或积分+现金的奖品。</source>
        <translation>No rewards yet. Click &quot;Add reward&quot; to add a coupon, physical goods or a points + cash reward.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="140"/>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="147"/>
        <source>不限</source>
        <translation>Unlimited</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="142"/>
        <source>{left} / {total} 码</source>
        <translation>{left} / {total} codes</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="147"/>
        <source>{n} 次</source>
        <translation>{n} times</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="151"/>
        <source>长期有效</source>
        <translation>No time limit</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="155"/>
        <source>至 {end}</source>
        <translation>Until {end}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="157"/>
        <source>{start} 起</source>
        <translation>From {start}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="161"/>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="203"/>
        <source>上架</source>
        <translation>On shelf</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="161"/>
        <source>已下架</source>
        <translation>Off shelf</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="171"/>
        <source>{n} 个奖品，{k} 个上架</source>
        <translation>{n} rewards, {k} on the shelf</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="206"/>
        <source>选择一个奖品进行编辑；优惠券可以导入券码。</source>
        <translation>Select a reward to edit it; coupons can have codes imported.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="208"/>
        <source>“{name}”：共导入 {total} 个券码，{free} 个尚未发出。每个券码只发一次；取消的兑换会把券码放回。</source>
        <translation>&quot;{name}&quot;: {total} codes imported, {free} not given out yet. Each code is given out only once; a cancelled redemption puts its code back.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="212"/>
        <source>“{name}”：兑换后扣积分，发货后点“发放”。</source>
        <translation>&quot;{name}&quot;: points are deducted on redemption; click &quot;Issue&quot; once it has been shipped.</translation>
    </message>
</context>
<context>
    <name>ChannelTableModel</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="78"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="78"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="79"/>
        <source>别名（用、或逗号分隔）</source>
        <translation>Aliases (separated by 、 or commas)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="80"/>
        <source>客户数</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="92"/>
        <source>（保存后生成）</source>
        <translation>(assigned on save)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="93"/>
        <source>{code}（未登记）</source>
        <translation>{code} (not listed)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="101"/>
        <source>企业微信带来的渠道代码，还不在渠道列表里；保存后加入列表。</source>
        <translation>A channel code WeCom sent that is not in the channel list yet; saving adds it to the list.</translation>
    </message>
</context>
<context>
    <name>ChannelsDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="151"/>
        <source>渠道列表</source>
        <translation>Channel list</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="157"/>
        <source>导入和企业微信带来的渠道写法（别名）都会归到这里的渠道；客户保存的是渠道代码，改名不影响已有客户。</source>
        <translation>Channel spellings from imports and from WeCom (aliases) all map to the channels here. Members store the channel code, so renaming a channel leaves existing members as they are.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="180"/>
        <source>新增渠道</source>
        <translation>Add channel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="182"/>
        <source>删除渠道</source>
        <translation>Delete channel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="187"/>
        <source>把选中的渠道合并到</source>
        <translation>Merge the selected channel into</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="191"/>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="306"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="207"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="210"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="248"/>
        <source>有未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="256"/>
        <source>还有客户的渠道不能删除，可以把它合并到另一个渠道。</source>
        <translation>A channel that still has members cannot be deleted; merge it into another channel instead.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="294"/>
        <source>请先保存或放弃（关闭后重新打开）其他修改，再合并渠道。</source>
        <translation>Save or discard (close and reopen) your other changes before merging channels.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="297"/>
        <source>把渠道「{a}」的 {n} 位客户移到「{b}」，并把「{a}」作为「{b}」的别名？可以在操作记录中撤销。</source>
        <translation>Move the {n} members of channel &quot;{a}&quot; to &quot;{b}&quot; and keep &quot;{a}&quot; as an alias of &quot;{b}&quot;? You can undo this in History.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="304"/>
        <source>合并渠道</source>
        <translation>Merge channels</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/channels_dialog.py" line="307"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CheckTab</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="241"/>
        <source>余额核对</source>
        <translation>Balance check</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="243"/>
        <source>每位客户显示的积分余额是根据积分明细算出后存下来的。核对会逐一重新计算，找出不一致的客户；重建会按明细改正这些余额（明细本身不变）。</source>
        <translation>The points balance shown for each member is calculated from their points statement and stored. The check recalculates every balance and finds the members whose balance differs; a rebuild corrects those balances from the statement (the statement itself is not changed).</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="248"/>
        <source>核对余额</source>
        <translation>Check balances</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="249"/>
        <source>按明细重建余额</source>
        <translation>Rebuild balances from statements</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="261"/>
        <source>哈希链校验</source>
        <translation>Hash chain verification</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="263"/>
        <source>每条积分记录都带着前一条的哈希，任何一条被改动、删除或调换顺序都会被发现。校验会从第一条读到最后一条；记录多时需要几分钟，可以随时取消。</source>
        <translation>Each points entry carries the hash of the one before it, so any entry that is changed, deleted or moved is detected. Verification reads from the first entry to the last; with many entries it takes a few minutes, and you can cancel at any time.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="268"/>
        <source>校验哈希链</source>
        <translation>Verify hash chain</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="437"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ConnectionController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="33"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="34"/>
        <source>标签库</source>
        <translation>Tag library</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="35"/>
        <source>客户</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="36"/>
        <source>客户群</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="37"/>
        <source>群统计</source>
        <translation>Group stats</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="38"/>
        <source>全量</source>
        <translation>full</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="39"/>
        <source>增量</source>
        <translation>incremental</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="40"/>
        <source>自动</source>
        <translation>automatic</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="118"/>
        <source>待发送 {w} 项 · 失败 {f} 项</source>
        <translation>{w} waiting · {f} failed</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="134"/>
        <source>客户 {n} 位，最久未读的一位读于：{ago}</source>
        <translation>{n} customers, the one read longest ago read: {ago}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="137"/>
        <source>客户群 {n} 个，最久未读的一个读于：{ago}</source>
        <translation>{n} groups, the one read longest ago read: {ago}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="140"/>
        <source>下次同步将做完整核对</source>
        <translation>the next sync is a full reconciliation</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="146"/>
        <source>资料新鲜度：</source>
        <translation>Freshness: </translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="150"/>
        <source>刚刚</source>
        <translation>just now</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="151"/>
        <source>{n} 分钟前</source>
        <translation>{n} min ago</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="152"/>
        <source>{n} 小时前</source>
        <translation>{n} h ago</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="153"/>
        <source>{n} 天前</source>
        <translation>{n} days ago</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="159"/>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="168"/>
        <source>上次同步：{at}（{mode}）：新客户 {new}，客户群 {groups}，进群 {joins}，退群 {leaves}</source>
        <translation>Last sync: {at} ({mode}): {new} new customers, {groups} groups, {joins} joined, {leaves} left</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="174"/>
        <source>上次同步（{at}，{mode}）没有完成：{why}</source>
        <translation>The last sync ({at}, {mode}) did not finish: {why}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="175"/>
        <source>出错</source>
        <translation>an error</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="178"/>
        <source>上次同步（{at}，{mode}）在进行中被中断（程序被关闭）；下次同步会从中断处继续。</source>
        <translation>The last sync ({at}, {mode}) was interrupted (the app was closed); the next sync resumes where it stopped.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="182"/>
        <source>上次同步（{at}，{mode}）已取消；下次全量同步会从中断处继续。</source>
        <translation>The last sync ({at}, {mode}) was cancelled; the next full sync resumes where it stopped.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="186"/>
        <source>上次同步（{at}，{mode}）没有做完（程序被关闭）；下次同步会从中断处继续。</source>
        <translation>The last sync ({at}, {mode}) did not get to the end (the app was closed); the next sync resumes where it stopped.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="203"/>
        <source>连接设置已保存；Secret 保存在系统钥匙串中。</source>
        <translation>Connection settings saved. The Secret is stored in the system keychain.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="211"/>
        <source>正在测试连接…</source>
        <translation>Testing connection…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="233"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="242"/>
        <source>正在同步：</source>
        <translation>Syncing: </translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="249"/>
        <source> · 网络不稳定，已自动重试 {n} 次</source>
        <translation> · network unstable, {n} automatic retries so far</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="142"/>
        <source>下次完整核对：{at} 以后的第一次同步</source>
        <translation>next full reconciliation: the first sync after {at}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="144"/>
        <source>其间每次增量同步重读最久未读的 {c} 位客户和 1/{g} 的客户群</source>
        <translation>until then each incremental sync re-reads the {c} customers and 1/{g} of the groups read longest ago</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="255"/>
        <source>网络不稳定，正在重试（第 {n} 次）；这次同步已自动重试 {total} 次</source>
        <translation>Unstable network, retrying (attempt {n}); {total} automatic retries in this sync so far</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="262"/>
        <source>{h} 小时 {m} 分</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="264"/>
        <source>{m} 分 {s} 秒</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="265"/>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="269"/>
        <source>{n} 秒</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="269"/>
        <source>{n} 分钟</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="269"/>
        <source>{n} 小时</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="283"/>
        <source>正在发送到企业微信：{done}/{total} 项</source>
        <translation>Sending to WeCom: {done}/{total} items</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="286"/>
        <source> · 每秒 {rate} 项 · 还需约 {left}</source>
        <translation> · {rate} per second · about {left} left</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="295"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="297"/>
        <source>{phase}失败：{why}</source>
        <translation>{phase} failed: {why}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="300"/>
        <source>{saved}已同步；</source>
        <translation>{saved} synced; </translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="301"/>
        <source>（下次同步会补上）</source>
        <translation> (the next sync fills it in)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="316"/>
        <source>正在发送到企业微信：0/{total} 项</source>
        <translation>Sending to WeCom: 0/{total} items</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="319"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="326"/>
        <source>同步完成（用时 {took}）：新客户 {new}，客户群 {groups}，进群 {joins}，退群 {leaves}</source>
        <translation>Sync finished (took {took}): {new} new customers, {groups} groups, {joins} joined, {leaves} left</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="332"/>
        <source>；重读了 {n} 位客户的资料，{u} 位有变化</source>
        <translation>; re-read {n} customers&apos; details, {u} changed</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="341"/>
        <source>；{n} 位客户的身份无法确定（手机号或 unionid 指向不同的客户），已单独建档，可点“查看”核对</source>
        <translation>; {n} customers could not be identified (their phone or unionid points at different customers): each got a record of their own, click &quot;View&quot; to check them</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="344"/>
        <source>；{n} 项遇到临时错误，将在 {at} 后自动重试</source>
        <translation>; {n} items hit a temporary error and are retried automatically after {at}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="347"/>
        <source>；发送到企业微信 {sent} 项，失败 {failed} 项</source>
        <translation>; {sent} items sent to WeCom, {failed} failed</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="350"/>
        <source>（网络不稳定：自动重试了 {n} 次）</source>
        <translation> (network unstable: {n} automatic retries)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="351"/>
        <source>（网络不稳定：自动重试了 {n} 次，数据完整）</source>
        <translation> (network unstable: {n} automatic retries, nothing missing)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="359"/>
        <source>已取消；下次全量同步会从中断处继续。</source>
        <translation>Cancelled. The next full sync will resume where this one stopped.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="381"/>
        <source>企业 ID</source>
        <translation>Corp ID</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="383"/>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="385"/>
        <source>还没有连接企业微信：请先在上方填写{fields}并点“保存”，再同步。</source>
        <translation>Not connected to WeCom yet: fill in {fields} above and click &quot;Save&quot;, then sync.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="386"/>
        <source>和</source>
        <translation> and </translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="404"/>
        <source>发件箱：已发送 {s}，失败 {f}，等待 {w}</source>
        <translation>Outbox: {s} sent, {f} failed, {w} waiting</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="50"/>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="61"/>
        <source>企业微信：未连接</source>
        <translation>WeCom: not connected</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="62"/>
        <source>企业微信：已配置</source>
        <translation>WeCom: configured</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="62"/>
        <source>企业微信：在线</source>
        <translation>WeCom: online</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="63"/>
        <source>企业微信：离线</source>
        <translation>WeCom: offline</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="66"/>
        <source>刚刚同步</source>
        <translation>synced just now</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="67"/>
        <source>{n} 分钟前同步</source>
        <translation>synced {n} min ago</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="68"/>
        <source>{n} 小时前同步</source>
        <translation>synced {n} h ago</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="69"/>
        <source>{n} 天前同步</source>
        <translation>synced {n} days ago</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="71"/>
        <source>待发送 {n}</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/connection_controller.py" line="73"/>
        <source>失败 {n}</source>
        <translation>{n} failed</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="32"/>
        <source>打标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="33"/>
        <source>移除标签</source>
        <translation>Remove tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="34"/>
        <source>新建标签</source>
        <translation>New tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="35"/>
        <source>标签改名</source>
        <translation>Rename tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="36"/>
        <source>删除标签</source>
        <translation>Delete tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="37"/>
        <source>修改备注</source>
        <translation>Edit remark</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="38"/>
        <source>客户群群发</source>
        <translation>Group mass send</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="39"/>
        <source>待发送</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="40"/>
        <source>发送中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="41"/>
        <source>待员工确认</source>
        <translation>Waiting for staff to confirm</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="42"/>
        <source>已发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="43"/>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="44"/>
        <source>已放弃</source>
        <translation>Discarded</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="61"/>
        <source>连接设置</source>
        <translation>Connection settings</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="66"/>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="179"/>
        <source>已保存在系统钥匙串中；留空表示不修改</source>
        <translation>Saved in the system keychain; leave empty to keep it</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="69"/>
        <source>不使用代理（直连或中转地址）</source>
        <translation>No proxy (direct or relay address)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="70"/>
        <source>使用系统代理</source>
        <translation>Use system proxy</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="71"/>
        <source>使用自定义代理</source>
        <translation>Use custom proxy</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="76"/>
        <source>企业 ID（CorpID）</source>
        <translation>Corp ID (CorpID)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="77"/>
        <source>应用 Secret</source>
        <translation>App Secret</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="78"/>
        <source>接口地址 / 中转地址</source>
        <translation>API / relay address</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="79"/>
        <source>代理</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="80"/>
        <source>代理地址</source>
        <translation>Proxy address</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="82"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="83"/>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="95"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="98"/>
        <source>立即同步（增量）</source>
        <translation>Sync now (incremental)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="99"/>
        <source>全量同步</source>
        <translation>Full sync</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="100"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="112"/>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="121"/>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="123"/>
        <source>查看身份无法确定、已单独建档的客户</source>
        <translation>View the customers who could not be identified and got a record of their own</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="135"/>
        <source>发件箱</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="140"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="141"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="142"/>
        <source>内容</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="143"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="144"/>
        <source>尝试</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="145"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="158"/>
        <source>立即发送</source>
        <translation>Send now</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="159"/>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="160"/>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="180"/>
        <source>在管理后台的应用详情中查看</source>
        <translation>Find it in the app&apos;s details in the admin console</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="244"/>
        <source>已删除</source>
        <translation>deleted</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="247"/>
        <source>客户 {name}</source>
        <translation>Customer {name}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="249"/>
        <source>标签 {name}</source>
        <translation>Tag {name}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="251"/>
        <source>标签组 {name}</source>
        <translation>Tag group {name}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="254"/>
        <source>{n} 个标签</source>
        <translation>{n} tag(s)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="256"/>
        <source>{n} 个标签组</source>
        <translation>{n} tag group(s)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/connection_page.py" line="258"/>
        <source>员工 {name}</source>
        <translation>Staff {name}</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/feedback.py" line="37"/>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/feedback.py" line="40"/>
        <source>私域运营台遇到了一个程序错误。你的数据已保存；请把下面的详情复制给开发团队。</source>
        <translation>Siyu Desktop ran into a program error. Your data has been saved. Please copy the details below and send them to the development team.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/feedback.py" line="48"/>
        <source>复制详情</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="211"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>ExpiryPolicyDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="40"/>
        <source>修改积分到期规则</source>
        <translation>Change points expiry rule</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="44"/>
        <source>现在的规则：{rule}。</source>
        <translation>Current rule: {rule}.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="49"/>
        <source>永不过期</source>
        <translation>Points never expire</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="51"/>
        <source>按获得的月份过期</source>
        <translation>Expire by the month earned</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="53"/>
        <source>每年固定日期清零</source>
        <translation>Clear on a fixed date every year</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="63"/>
        <source>获得后第</source>
        <translation>Expire at the end of month</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="69"/>
        <source>个月的月底过期</source>
        <translation>after the month earned</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="72"/>
        <source>例：填 12，2026 年 3 月获得的积分在 2027 年 3 月 31 日之后过期。</source>
        <translation>Example: with 12, points earned in March 2026 expire after 31 March 2027.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="81"/>
        <source>每年</source>
        <translation>Every year on</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="86"/>
        <source> 月</source>
        <translation> (month)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="92"/>
        <source> 日</source>
        <translation> (day)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="94"/>
        <source>清零</source>
        <translation>clear points earned</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="97"/>
        <source>当年</source>
        <translation>that year</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="99"/>
        <source>{n} 年前</source>
        <translation>{n} year(s) before</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="102"/>
        <source>获得的积分</source>
        <translation>and still unused</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="115"/>
        <source>新规则只对今后获得的积分生效。已经获得的积分保留原来的到期日：每一笔积分的到期日在获得时就定下了，并记在积分账本里，改规则不会让它们提前或推迟过期。</source>
        <translation>A new rule only applies to points earned from now on. Points already earned keep their expiry date: each award&apos;s expiry date is fixed when it is earned and recorded in the points ledger, so changing the rule never makes them expire earlier or later.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="131"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="133"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="172"/>
        <source>这就是现在的规则，选一条不同的再保存。</source>
        <translation>This is the current rule; choose a different one to save.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="173"/>
        <source>新的规则：{rule}。</source>
        <translation>New rule: {rule}.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="176"/>
        <source>今天获得的积分一直有效。</source>
        <translation> Points earned today never expire.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/expiry_policy_dialog.py" line="179"/>
        <source>按这条规则，今天获得的积分可以用到 {day}（含这一天）。</source>
        <translation> Under this rule, points earned today can be used until {day} (inclusive).</translation>
    </message>
</context>
<context>
    <name>ExpiryTab</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="132"/>
        <source>选一个到期日：预览在这一天执行到期会清掉哪些客户的多少积分（到期日在这一天或之前、还没用完的积分）。可以先导出名单提醒客户尽快使用。过去漏掉的日期也可以补跑；同一天只会执行一次。</source>
        <translation>Pick an expiry date to preview whose points, and how many, an expiry run for that day would clear (unused points due on or before that day). You can export the list first to remind members to use their points soon. Missed past dates can be caught up; each day runs only once.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="142"/>
        <source>修改到期规则…</source>
        <translation>Change expiry rule…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="148"/>
        <source>到期日</source>
        <translation>Expiry date</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="154"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="155"/>
        <source>导出提醒名单…</source>
        <translation>Export reminder list…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="156"/>
        <source>执行到期…</source>
        <translation>Run expiry…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="162"/>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="204"/>
        <source>选好日期后点「预览」。</source>
        <translation>Pick a date, then click &quot;Preview&quot;.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="169"/>
        <source>客户</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="169"/>
        <source>（未命名）</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="170"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="171"/>
        <source>客户编号</source>
        <translation>Member No.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="172"/>
        <source>当前积分</source>
        <translation>Current points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="173"/>
        <source>将过期</source>
        <translation>Expiring</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="174"/>
        <source>过期后</source>
        <translation>After expiry</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="193"/>
        <source>到期规则：{rule}。</source>
        <translation>Expiry rule: {rule}.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="195"/>
        <source>{day} 起有到期的积分还没有清零（漏跑了到期），可以选这一天补跑。</source>
        <translation> Points due since {day} have not been cleared yet (an expiry run was missed); pick that day to catch up.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="198"/>
        <source>下一次有积分到期的日期：{day}。</source>
        <translation> Next date with points due: {day}.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="207"/>
        <source>正在计算…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="212"/>
        <source>{day} 执行到期：没有要过期的积分。</source>
        <translation>Expiry for {day}: no points to expire.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="214"/>
        <source>下面列出最多的 {k} 位。</source>
        <translation> The {k} with the most expiring points are listed below.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_ops_tabs.py" line="216"/>
        <source>{day} 执行到期：{k} 位客户共 {p} 分会过期。{more}</source>
        <translation>Expiry for {day}: {p} points of {k} members will expire.{more}</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/export_controller.py" line="43"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/export_controller.py" line="43"/>
        <source>CSV 文本，UTF-8 (*.csv)</source>
        <translation>CSV text, UTF-8 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/export_controller.py" line="44"/>
        <location filename="../../siyu_desktop/ui/controllers/export_controller.py" line="61"/>
        <source>导出客户名单</source>
        <translation>Export members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/export_controller.py" line="45"/>
        <source>客户名单.xlsx</source>
        <translation>members.xlsx</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/export_controller.py" line="61"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/export_controller.py" line="62"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/export_controller.py" line="78"/>
        <source>已导出 {n} 位客户到 {path}</source>
        <translation>Exported {n} members to {path}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/export_controller.py" line="95"/>
        <source>正在导出：{done} / {total}</source>
        <translation>Exporting: {done} / {total}</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <location filename="../../siyu_desktop/ui/feedback.py" line="78"/>
        <source>无法完成</source>
        <translation>Couldn&apos;t complete</translation>
    </message>
</context>
<context>
    <name>FlowChart</name>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/points_chart.py" line="41"/>
        <source>有一周的数值（{v}）超出图表范围，见右侧表格</source>
        <translation>One week&apos;s value ({v}) is off the chart; see the table on the right</translation>
    </message>
</context>
<context>
    <name>GroupsController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/groups_controller.py" line="59"/>
        <source>{groups} 个社群 · {people} 人次 · 近 {days} 天 进群 {joins} / 退群 {leaves}</source>
        <translation>{groups} groups · {people} memberships · last {days} days: {joins} joined / {leaves} left</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="219"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="301"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="219"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="302"/>
        <source>客户</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="219"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="302"/>
        <source>客户（未匹配）</source>
        <translation>Member (unmatched)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="153"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="309"/>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="198"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="343"/>
        <source>群成员名单</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="223"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="344"/>
        <source>选择左侧的一个社群，查看群成员名单</source>
        <translation>Select a group on the left to see its roster</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="345"/>
        <source>选择社群后，这里显示它近 30 天的进群和退群。</source>
        <translation>Select a group to see who joined and left in the last 30 days.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="232"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="285"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="347"/>
        <source>近 30 天没有人进群或退群。</source>
        <translation>No one joined or left in the last 30 days.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="134"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="296"/>
        <source>社群</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="137"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="150"/>
        <source>群类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="157"/>
        <source>按群名筛选</source>
        <translation>Filter by group name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="166"/>
        <source>群名称</source>
        <translation>Group name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="167"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="168"/>
        <source>群标签</source>
        <translation>Group tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="169"/>
        <source>群主</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="170"/>
        <source>人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="172"/>
        <source>创建时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="174"/>
        <source>最近变动</source>
        <translation>Last change</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="201"/>
        <source>在成员中查看…</source>
        <translation>View in Members…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="202"/>
        <source>在“成员”页按这个群筛选客户，可以批量打标签或导出</source>
        <translation>Filter the Members page by this group to tag or export its members in bulk</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="208"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="262"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="293"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="208"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="293"/>
        <source>（未知）</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="209"/>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="210"/>
        <source>进群时间</source>
        <translation>Joined</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="212"/>
        <source>进群方式</source>
        <translation>Joined via</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="213"/>
        <source>邀请人</source>
        <translation>Invited by</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="214"/>
        <source>群昵称</source>
        <translation>Group nickname</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="225"/>
        <source>本群近 30 天进群/退群</source>
        <translation>Joins and leaves, last 30 days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="251"/>
        <source>社群列表</source>
        <translation>Group list</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="263"/>
        <source>所在群数</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="265"/>
        <source>所在社群</source>
        <translation>In groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="270"/>
        <source>没有同时在两个及以上社群里的客户。</source>
        <translation>No member is in more than one group.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="272"/>
        <source>多群重复成员</source>
        <translation>Members in several groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="287"/>
        <source>最近进群/退群</source>
        <translation>Recent joins/leaves</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="291"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="292"/>
        <source>动作</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="292"/>
        <source>进群</source>
        <translation>Joined</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="292"/>
        <source>退群</source>
        <translation>Left</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="349"/>
        <source>{name} · {n} 人（员工 {staff}）</source>
        <translation>{name} · {n} people ({staff} staff)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="351"/>
        <source>这个群里还没有成员。</source>
        <translation>This group has no members yet.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="362"/>
        <source>至少 {n} 位客户同时在两个及以上社群里，这里列出重叠最多的 {n} 位。</source>
        <translation>At least {n} members are in two or more groups; these are the {n} in the most groups.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="365"/>
        <source>{n} 位客户同时在两个及以上社群里。</source>
        <translation>{n} members are in two or more groups.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="366"/>
        <source>重复进群的客户会重复收到群发，可以考虑清理。</source>
        <translation> They receive group broadcasts more than once; consider cleaning up.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="372"/>
        <source>所有社群近 30 天的进群和退群，最新的在前。</source>
        <translation>Joins and leaves across all groups in the last 30 days, newest first.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="374"/>
        <source>（只列出最近 {n} 条）</source>
        <translation> (only the latest {n} shown)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="381"/>
        <source>显示 {shown} / {total} 个社群</source>
        <translation>Showing {shown} of {total} groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="188"/>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="384"/>
        <source>没有符合条件的社群。</source>
        <translation>No groups match.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/groups_page.py" line="385"/>
        <source>工作区里还没有社群。同步企业微信后，客户群会出现在这里。</source>
        <translation>No groups in this workspace yet. Groups appear here after a WeCom sync.</translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/history_controller.py" line="52"/>
        <source>选择一条操作，查看能否撤销。</source>
        <translation>Select an operation to see whether it can be undone.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/history_controller.py" line="54"/>
        <source>正在检查能否撤销…</source>
        <translation>Checking whether it can be undone…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/history_controller.py" line="63"/>
        <source>#{id} 可以撤销：涉及 {n} 行，撤销后恢复为操作之前的样子。</source>
        <translation>#{id} can be undone: {n} rows go back to how they were before it.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/history_controller.py" line="66"/>
        <source>#{id} 不能撤销：{why}</source>
        <translation>#{id} cannot be undone: {why}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/history_controller.py" line="70"/>
        <source>撤销操作</source>
        <translation>Undo operation</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/history_controller.py" line="79"/>
        <source>撤销「{what}」？涉及企业微信标签的改动会再同步到企业微信。</source>
        <translation>Undo &quot;{what}&quot;? Changes to WeCom tags will be synced to WeCom again.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/history_controller.py" line="88"/>
        <source>已取消撤销，什么都没有改变。</source>
        <translation>Undo cancelled; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/history_controller.py" line="90"/>
        <source>已撤销：{what}（恢复 {n} 项）</source>
        <translation>Undone: {what} ({n} items restored)</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="44"/>
        <source>操作记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="47"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="50"/>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="53"/>
        <source>我的操作</source>
        <translation>My operations</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="53"/>
        <source>同步与发送</source>
        <translation>Syncs and pushes</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="53"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="61"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="62"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="63"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="64"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="65"/>
        <source>内容</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="66"/>
        <source>涉及行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="68"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="83"/>
        <source>还没有操作记录。打标签、导入、修改客户资料后，会在这里出现，并可以撤销。</source>
        <translation>No operations yet. Tagging, imports and profile edits appear here and can be undone.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="91"/>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="119"/>
        <source>选择一条操作，查看能否撤销。</source>
        <translation>Select an operation to see whether it can be undone.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="95"/>
        <source>撤销这次操作</source>
        <translation>Undo this operation</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="106"/>
        <source>已撤销</source>
        <translation>Undone</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="107"/>
        <source>不可撤销</source>
        <translation>Not undoable</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/history_page.py" line="116"/>
        <source>最近 {n} 条</source>
        <translation>latest {n}</translation>
    </message>
</context>
<context>
    <name>IdentityIssuesDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="31"/>
        <source>身份无法确定的客户</source>
        <translation>Customers who could not be identified</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="35"/>
        <source>这些企业微信客户的手机号或 unionid 指向了不同的已有客户，同步无法确定是哪一位，已为他们单独建档，没有合并到任何已有客户。请在客户列表里核对。</source>
        <translation>The phone or unionid of these WeCom customers points at different existing customers, so the sync could not tell which one they are. Each got a record of their own and was not merged into anyone. Please check them in the member list.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="40"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="41"/>
        <source>企业微信客户ID</source>
        <translation>WeCom customer ID</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="42"/>
        <source>单独建档为</source>
        <translation>Recorded as</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="45"/>
        <source>指向的已有客户</source>
        <translation>Existing customers it points at</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="46"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="47"/>
        <source>记录时间</source>
        <translation>Recorded at</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="65"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="68"/>
        <source>{key}「{value}」</source>
        <translation>{key} &quot;{value}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="74"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="76"/>
        <source>#{id}（已删除）</source>
        <translation>#{id} (deleted)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="78"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="78"/>
        <source>{said} → {members}</source>
        <translation>{said} → {members}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="85"/>
        <source>{key}对应 {n} 位已有客户，无法确定是哪一位</source>
        <translation>{key} matches {n} existing customers; which one is unclear</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="87"/>
        <source>{keys}指向不同的客户</source>
        <translation>{keys} point at different customers</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/identity_issues_dialog.py" line="88"/>
        <source>和</source>
        <translation> and </translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="85"/>
        <source>正在读取文件…</source>
        <translation>Reading file…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="111"/>
        <source>，沿用上次保存的列对应</source>
        <translation>; using the saved column mapping</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="111"/>
        <source>，列对应已按你的修改</source>
        <translation>; column mapping as you edited it</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="112"/>
        <source>，列对应为自动识别</source>
        <translation>; columns matched automatically</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="113"/>
        <source>表头在第 {row} 行{source}</source>
        <translation>Header in row {row}{source}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="119"/>
        <source>没有需要导入的变化。</source>
        <translation>No changes to import.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="129"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="144"/>
        <source>已导入：新增 {new} 位，更新 {updated} 位客户（可在操作记录中撤销）</source>
        <translation>Imported: {new} new and {updated} updated members (can be undone in the history)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="157"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="167"/>
        <source>已取消，没有导入任何数据。</source>
        <translation>Cancelled. Nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="176"/>
        <source>未完成，请查看提示。</source>
        <translation>Not finished. See the message.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="188"/>
        <source>正在读取文件…已用 {seconds} 秒（大表格要先整张载入，可以随时取消）</source>
        <translation>Reading the file… {seconds} s so far (a big sheet is loaded whole first; you can cancel at any time)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="193"/>
        <source>正在读取：{done} 行</source>
        <translation>Reading: {done} rows</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="193"/>
        <source>正在比对：{done} / {total}</source>
        <translation>Comparing: {done} / {total}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="194"/>
        <source>正在写入：{done} / {total}</source>
        <translation>Writing: {done} / {total}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="204"/>
        <source>已保存 {n} 行到 {path}</source>
        <translation>Saved {n} rows to {path}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="205"/>
        <source>已保存错误行：{path}（改好后可再次导入）</source>
        <translation>Saved the rows with problems: {path} (fix them and import again)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/import_controller.py" line="212"/>
        <source>已保存导入模板：{path}</source>
        <translation>Saved the import template: {path}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="47"/>
        <source>导入客户名单</source>
        <translation>Import members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="56"/>
        <source>请选择要导入的 Excel 或 CSV 文件</source>
        <translation>Choose an Excel or CSV file to import</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="57"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="59"/>
        <source>下载导入模板…</source>
        <translation>Download template…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="61"/>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="74"/>
        <source>工作表：</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="83"/>
        <source>列对应（点「导入为」一栏可修改）</source>
        <translation>Column mapping (click ‘Import as’ to change)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="103"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="103"/>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="104"/>
        <source>不变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="105"/>
        <source>有问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="118"/>
        <source>选择文件后，这里会显示导入将带来的变化。导入前不会修改任何数据。</source>
        <translation>Choose a file to see what the import would change. Nothing changes until you import.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="123"/>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="224"/>
        <source>有问题的行（不会导入）</source>
        <translation>Rows with problems (not imported)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="126"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="127"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="144"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="153"/>
        <source>保存错误行…</source>
        <translation>Save problem rows…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="154"/>
        <source>把有问题的行连同原因另存为 Excel，改好后可以再次导入</source>
        <translation>Save the rows with problems and their reasons to Excel; fix them and import again</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="156"/>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="229"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="159"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="174"/>
        <source>选择要导入的文件</source>
        <translation>Choose a file to import</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="178"/>
        <source>保存错误行</source>
        <translation>Save problem rows</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="179"/>
        <source>未导入的行.xlsx</source>
        <translation>rows-not-imported.xlsx</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="182"/>
        <source>保存导入模板</source>
        <translation>Save import template</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="183"/>
        <source>客户名单模板.xlsx</source>
        <translation>member-import-template.xlsx</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="204"/>
        <source>{name}（隐藏）</source>
        <translation>{name} (hidden)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="223"/>
        <source>有问题的行（不会导入）：共 {n} 行，显示前 {m} 行</source>
        <translation>Rows with problems (not imported): {n} in total, first {m} shown</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/import_dialog.py" line="228"/>
        <source>导入 {n} 位客户</source>
        <translation>Import {n} members</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="54"/>
        <source>新增奖品</source>
        <translation>Add reward</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="54"/>
        <source>编辑奖品</source>
        <translation>Edit reward</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="60"/>
        <source>如：猫砂一袋、20元无门槛券</source>
        <translation>e.g. A bag of cat litter, ¥20 voucher with no minimum spend</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="61"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="69"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="75"/>
        <source>所需积分</source>
        <translation>Points needed</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="78"/>
        <source>如 19.90（元）</source>
        <translation>e.g. 19.90 (yuan)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="79"/>
        <source>另付现金（元）</source>
        <translation>Plus cash (yuan)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="81"/>
        <source>不限库存</source>
        <translation>Unlimited stock</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="88"/>
        <source>优惠券的库存就是尚未发出的券码，导入券码即可补货。</source>
        <translation>A coupon&apos;s stock is its codes not given out yet; import codes to restock.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="91"/>
        <source>剩余库存</source>
        <translation>Stock left</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="94"/>
        <source>每位客户最多兑换</source>
        <translation>Each member can redeem at most</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="98"/>
        <source> 次</source>
        <translation> times</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="101"/>
        <source>每人限兑</source>
        <translation>Limit per member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="104"/>
        <source>限定兑换时间</source>
        <translation>Only redeemable between</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="114"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="115"/>
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="117"/>
        <source>给运营同事看的说明（可不填）</source>
        <translation>A note for your colleagues (optional)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/reward_dialogs.py" line="118"/>
        <source>说明</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>LevelsController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/levels_controller.py" line="107"/>
        <source>正在计算修改后的效果…</source>
        <translation>Calculating the effect of your changes…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/levels_controller.py" line="123"/>
        <source>已停用按规则定级：客户保持现有等级</source>
        <translation>Rule-based levels turned off: members keep their current levels</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/levels_controller.py" line="126"/>
        <source>等级规则已保存：{up} 位客户升级，{down} 位降级</source>
        <translation>Level rules saved: {up} members moved up, {down} moved down</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/levels_controller.py" line="152"/>
        <source>重新定级：{up} 位客户升级，{down} 位降级</source>
        <translation>Levels recalculated: {up} members moved up, {down} moved down</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/levels_controller.py" line="154"/>
        <source>等级都已是最新，没有变化</source>
        <translation>All levels are up to date; nothing changed</translation>
    </message>
</context>
<context>
    <name>LevelsTab</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="95"/>
        <source>会员等级</source>
        <translation>Member levels</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="98"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="102"/>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="378"/>
        <source>重新定级</source>
        <translation>Recalculate levels</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="105"/>
        <source>按已保存的规则重新计算每位客户的等级；只记录有变化的客户。积分变动后会自动计算，一般不用手动点。</source>
        <translation>Recalculates every member&apos;s level under the saved rules; only members whose level changes are recorded. This happens automatically when points change, so you rarely need to click it.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="111"/>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="332"/>
        <source>最近的等级变化</source>
        <translation>Recent level changes</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="115"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="117"/>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="124"/>
        <source>客户</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="118"/>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="125"/>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="119"/>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="126"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="133"/>
        <source>还没有等级变化。保存等级规则后，客户的积分跨过门槛时会记在这里。</source>
        <translation>No level changes yet. Once level rules are saved, each member whose points cross a threshold is recorded here.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="150"/>
        <source>定级规则</source>
        <translation>Level rules</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="153"/>
        <source>定级依据</source>
        <translation>Based on</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="163"/>
        <source>按规则自动定级</source>
        <translation>Set levels automatically by rule</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="165"/>
        <source>开启后，客户的等级由积分和规则决定：积分变化后自动升降级，手工或导入的等级会被规则覆盖。关闭后保留现有等级。</source>
        <translation>When on, members&apos; levels follow their points and the rules: levels go up and down automatically as points change, and levels set by hand or imported are overwritten. When off, current levels are kept.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="173"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="173"/>
        <source>门槛（至少）</source>
        <translation>Threshold (at least)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="173"/>
        <source>每月券</source>
        <translation>Coupons per month</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="173"/>
        <source>生日礼</source>
        <translation>Birthday gift</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="174"/>
        <source>新春礼</source>
        <translation>Lunar New Year gift</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="174"/>
        <source>现有人数</source>
        <translation>Members now</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="174"/>
        <source>按新规则</source>
        <translation>Under new rules</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="189"/>
        <source>0（所有客户）</source>
        <translation>0 (all members)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="203"/>
        <source> 张</source>
        <translation> coupon(s)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="209"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="232"/>
        <source>撤回修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="233"/>
        <source>保存规则</source>
        <translation>Save rules</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="286"/>
        <source>累计消费要等导入订单和消费金额后才能使用。</source>
        <translation>Lifetime spend becomes available once orders and spend amounts are imported.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="288"/>
        <source>已启用：等级按{basis}自动计算</source>
        <translation>On: levels are calculated automatically (based on: {basis})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="290"/>
        <source>已停用：等级保持现状，不再按规则变化</source>
        <translation>Off: levels stay as they are and no longer change by rule</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="292"/>
        <source>尚未启用：现在的等级是导入或手工设置的。下面是建议的规则，保存后生效。</source>
        <translation>Not on yet: the current levels were imported or set by hand. Below are suggested rules; they take effect once saved.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="330"/>
        <source>最近的等级变化（共 {n} 条，列出最新 {shown} 条）</source>
        <translation>Recent level changes ({n} in total, latest {shown} shown)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="348"/>
        <source>修改门槛或权益后，这里会先显示效果，保存后才生效。</source>
        <translation>Change a threshold or benefit to see its effect here first; nothing takes effect until you save.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="360"/>
        <source>按修改后的规则：{up} 位升级，{down} 位降级（共 {n} 位客户）。保存后生效。</source>
        <translation>Under the changed rules: {up} up, {down} down ({n} members in total). Takes effect once saved.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="363"/>
        <source>按修改后的规则，没有客户的等级会变化。</source>
        <translation>Under the changed rules, no member&apos;s level would change.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="373"/>
        <source>预览：会变化的客户（{n} 位，列出 {shown} 位）</source>
        <translation>Preview: members whose level would change ({n}, {shown} shown)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/levels_tab.py" line="378"/>
        <source>正在定级…</source>
        <translation>Recalculating…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="40"/>
        <location filename="../../siyu_desktop/ui/main_window.py" line="52"/>
        <location filename="../../siyu_desktop/ui/main_window.py" line="169"/>
        <source>私域运营台</source>
        <translation>Siyu Desktop</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="56"/>
        <source>演示工作区</source>
        <translation>Demo workspace</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="59"/>
        <source>这是自动生成的演示数据，可以随意尝试，不会影响真实客户。</source>
        <translation>This is generated demo data. Try anything; no real members are affected.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="62"/>
        <location filename="../../siyu_desktop/ui/main_window.py" line="116"/>
        <source>新建我的工作区…</source>
        <translation>New workspace for my brand…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="64"/>
        <source>演示看够了？为自己的品牌建一个工作区（演示工作区保留，随时可以切换回来）。</source>
        <translation>Seen enough of the demo? Create a workspace for your own brand (the demo stays; you can switch back at any time).</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="77"/>
        <source>正在打开工作区…</source>
        <translation>Opening workspace…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="93"/>
        <source>企业微信：未连接</source>
        <translation>WeCom: not connected</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="106"/>
        <source>工作区(&amp;W)</source>
        <translation>&amp;Workspace</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="118"/>
        <source>打开工作区文件…</source>
        <translation>Open workspace file…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="120"/>
        <source>最近打开</source>
        <translation>Recent</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="123"/>
        <source>切换到演示工作区</source>
        <translation>Switch to the demo workspace</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="124"/>
        <source>重新生成演示工作区…</source>
        <translation>Rebuild the demo workspace…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="127"/>
        <source>备份与恢复…</source>
        <translation>Backups and restore…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="128"/>
        <source>在文件夹中显示</source>
        <translation>Show in folder</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="129"/>
        <source>关闭工作区</source>
        <translation>Close workspace</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="139"/>
        <source>{name}（演示）</source>
        <translation>{name} (demo)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="187"/>
        <source>（演示）</source>
        <translation> (demo)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="189"/>
        <source>工作区：{name}{suffix}</source>
        <translation>Workspace: {name}{suffix}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/main_window.py" line="195"/>
        <source>客户 {n}</source>
        <translation>Members: {n}</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="37"/>
        <source>客户名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="37"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="38"/>
        <source>客户ID</source>
        <translation>Member ID</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="38"/>
        <source>unionid</source>
        <translation>UnionID</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="39"/>
        <source>会员等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="39"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="39"/>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="40"/>
        <source>添加时间</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="40"/>
        <source>跟进人</source>
        <translation>Following staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="40"/>
        <source>所在群</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="41"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="41"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="41"/>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="42"/>
        <source>备注</source>
        <translation>Remark</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="45"/>
        <source>附加信息（原样保存）</source>
        <translation>Extra info (kept as is)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="45"/>
        <source>不导入</source>
        <translation>Don&apos;t import</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="78"/>
        <source>第{n}列</source>
        <translation>Column {n}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="99"/>
        <source>文件中的列</source>
        <translation>Column in file</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="99"/>
        <source>示例</source>
        <translation>Sample</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="99"/>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/mapping_model.py" line="109"/>
        <source>（无表头）</source>
        <translation>(no header)</translation>
    </message>
</context>
<context>
    <name>MemberDetailPanel</name>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="59"/>
        <source>添加标签</source>
        <translation>Added tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="60"/>
        <source>移除标签</source>
        <translation>Removed tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="63"/>
        <source>创建客户</source>
        <translation>Created member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="66"/>
        <source>修改资料</source>
        <translation>Edited profile</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="71"/>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="141"/>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="168"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="78"/>
        <source>兑换</source>
        <translation>Redemption</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="81"/>
        <source>修改备注</source>
        <translation>Remark changed</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="111"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="73"/>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="111"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="112"/>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="112"/>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="113"/>
        <source>添加时间</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="113"/>
        <source>最近活跃</source>
        <translation>Last active</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="114"/>
        <source>企业微信 ID</source>
        <translation>WeCom ID</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="114"/>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="224"/>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="392"/>
        <source>备注</source>
        <translation>Remark</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="115"/>
        <source>本地笔记</source>
        <translation>Local note</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="126"/>
        <source>只保存在本机工作区，不会同步到企业微信</source>
        <translation>Kept in this workspace only; never synced to WeCom</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="128"/>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="130"/>
        <source>修改等级</source>
        <translation>Change level</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="131"/>
        <source>修改笔记</source>
        <translation>Edit local note</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="135"/>
        <source>资料</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="137"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="139"/>
        <source>社群</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="140"/>
        <source>跟进员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="144"/>
        <source>变更记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="161"/>
        <source>每次获得的积分各有有效期；使用时先扣最早获得的。</source>
        <translation>Each award of points has its own expiry date; spending takes the oldest first.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="162"/>
        <source>未用完的积分（先到期的先用）</source>
        <translation>Unused points (oldest used first)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="164"/>
        <source>积分明细（最新在前）</source>
        <translation>Statement (newest first)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="168"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="168"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="169"/>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="169"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="179"/>
        <source>余额 {balance} 分</source>
        <translation>Balance {balance} points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="181"/>
        <source>（可用 {n} 分，其余已到期，等待过期清零）</source>
        <translation> ({n} spendable; the rest has expired and waits for the expiry run)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="185"/>
        <source>至 {day}</source>
        <translation>until {day}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="186"/>
        <source>不过期</source>
        <translation>never expires</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="187"/>
        <source>{left}/{amount} 分 · {until}</source>
        <translation>{left}/{amount} points · {until}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="189"/>
        <source>{earned} 获得 {amount} 分，还剩 {left} 分</source>
        <translation>{amount} points earned {earned}, {left} left</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="194"/>
        <source>（没有可用积分）</source>
        <translation>(no points to spend)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="208"/>
        <source>更早的 {n} 条未列出</source>
        <translation>{n} older entries not shown</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="229"/>
        <source>最多 20 个字</source>
        <translation>At most 20 characters</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="231"/>
        <source>保存备注</source>
        <translation>Save remark</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="253"/>
        <source>选择一位客户查看详情</source>
        <translation>Select a member to see details</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="296"/>
        <source>等级：{level}（{since} 起）</source>
        <translation>Level: {level} (since {since})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="298"/>
        <source>等级：{level}</source>
        <translation>Level: {level}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="301"/>
        <source>{basis} {value}</source>
        <translation>{basis}: {value}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="303"/>
        <source>，距{level}还差 {n}</source>
        <translation>, {n} more to {level}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="307"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="308"/>
        <source>权益：每月券 {coupons} 张 · 生日：{birthday} · 新春：{new_year}</source>
        <translation>Benefits: {coupons} coupon(s) a month · Birthday: {birthday} · Lunar New Year: {new_year}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="312"/>
        <source>（未启用按规则定级：等级是导入或手工设置的）</source>
        <translation>(Rule-based levels are off: this level was imported or set by hand)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="314"/>
        <source>（按规则应为{level}，稍后自动更新）</source>
        <translation>(Should be {level} under the rules; it updates automatically shortly)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="318"/>
        <source>已开启按规则定级：等级由积分决定，在“积分 → 等级”里修改规则。</source>
        <translation>Rule-based levels are on: the level follows the member&apos;s points. Change the rules under Points → Levels.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="329"/>
        <source>（未关联企业微信）</source>
        <translation>(not linked to WeCom)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="348"/>
        <source>改过的备注还没有发送到企业微信。</source>
        <translation>The changed remark has not been sent to WeCom yet.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="359"/>
        <source>（没有跟进员工：不是企业微信客户）</source>
        <translation>(No staff follow this person: not a WeCom customer)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="371"/>
        <source>（无备注）</source>
        <translation>(no remark)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="372"/>
        <source>备注：{remark}</source>
        <translation>Remark: {remark}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="389"/>
        <source>{staff} 给这位客户的备注</source>
        <translation>{staff}&apos;s remark for this customer</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="390"/>
        <source>先保存在本机（待同步），连接企业微信后发送。</source>
        <translation>Saved on this computer first (waiting to sync) and sent when connected to WeCom.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="393"/>
        <source>选择一位跟进员工后可以修改备注。</source>
        <translation>Choose a staff member to edit their remark.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="268"/>
        <source>（本地）</source>
        <translation> (local)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="40"/>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="41"/>
        <source>待同步</source>
        <translation>waiting to sync</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="42"/>
        <source>同步失败，原因见“企业微信”页</source>
        <translation>sync failed, see the WeCom page for why</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="44"/>
        <source>获得</source>
        <translation>earned</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="45"/>
        <source>使用</source>
        <translation>spent</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="46"/>
        <source>过期</source>
        <translation>expired</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="47"/>
        <source>调整</source>
        <translation>adjusted</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="48"/>
        <source>冲正</source>
        <translation>reversed</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="270"/>
        <source>（没有标签）</source>
        <translation>(no tags)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="271"/>
        <source>入群</source>
        <translation>joined</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="275"/>
        <source>（不在任何社群中）</source>
        <translation>(not in any group)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="282"/>
        <source>（暂无变更）</source>
        <translation>(no changes yet)</translation>
    </message>
</context>
<context>
    <name>MultiChoiceButton</name>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="96"/>
        <source>{title}: {n} 项</source>
        <translation>{title}: {n} selected</translation>
    </message>
</context>
<context>
    <name>NewWorkspaceDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/new_workspace_dialog.py" line="28"/>
        <source>新建我的工作区</source>
        <translation>New workspace for my brand</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/new_workspace_dialog.py" line="31"/>
        <source>为你的品牌建一个工作区。建好后可以连接企业微信同步客户，或导入一份 Excel 客户名单。</source>
        <translation>Create a workspace for your brand. Then connect to WeCom to sync your customers, or import an Excel roster.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/new_workspace_dialog.py" line="38"/>
        <source>例如：毛孩子食堂</source>
        <translation>e.g. Furry Kitchen</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/new_workspace_dialog.py" line="40"/>
        <source>品牌名称</source>
        <translation>Brand name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/new_workspace_dialog.py" line="44"/>
        <source>日期、“今天”和定时发送都按这个时区算，与电脑的时区无关。</source>
        <translation>Dates, &quot;today&quot; and scheduled sends follow this time zone, whatever the computer&apos;s zone is.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/new_workspace_dialog.py" line="45"/>
        <source>时区</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/new_workspace_dialog.py" line="47"/>
        <source>可选，以 ww 开头；以后也可以在「企业微信」页填写</source>
        <translation>Optional, starts with ww; you can also fill it in later on the WeCom screen</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/new_workspace_dialog.py" line="48"/>
        <source>企业 ID（corpid）</source>
        <translation>Corp ID (corpid)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/new_workspace_dialog.py" line="58"/>
        <source>创建并打开</source>
        <translation>Create and open</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/new_workspace_dialog.py" line="59"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="96"/>
        <source>流通中的积分</source>
        <translation>Points in circulation</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="97"/>
        <source>本周发放</source>
        <translation>Issued this week</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="98"/>
        <source>本周使用</source>
        <translation>Spent this week</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="99"/>
        <source>本周过期</source>
        <translation>Expired this week</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="100"/>
        <source>30 天内到期</source>
        <translation>Due within 30 days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="110"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="118"/>
        <source>周一至周日</source>
        <translation>Week (Mon–Sun)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="119"/>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="157"/>
        <source>发放</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="120"/>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="158"/>
        <source>使用</source>
        <translation>Spent</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="121"/>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="159"/>
        <source>过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="122"/>
        <source>其他变动</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="124"/>
        <source>净变化</source>
        <translation>Net change</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="128"/>
        <source>发放：获得与正数调整（含期初余额、导入）；其他变动：负数调整（批量扣回）和冲正记录的净额。</source>
        <translation>Issued: points earned and positive adjustments (including opening balances and imports). Other: the net of negative adjustments (bulk take-backs) and reversal entries.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="139"/>
        <source>{k} 位客户持有</source>
        <translation>held by {k} members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="145"/>
        <source>上周 {v}</source>
        <translation>last week: {v}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="146"/>
        <source>{k} 位客户</source>
        <translation>{k} members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="148"/>
        <source>到期规则：{rule}。</source>
        <translation>Expiry rule: {rule}.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="150"/>
        <source>另有 {p} 分（{k} 位客户）已过到期日、还没有执行到期清零，这些积分不能再使用；可在「到期」页补跑。</source>
        <translation> Another {p} points ({k} members) are past their expiry date but have not been cleared by an expiry run yet; they can no longer be spent. Catch up on the &quot;Expiry&quot; tab.</translation>
    </message>
</context>
<context>
    <name>PointsController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="171"/>
        <source>正在预览…</source>
        <translation>Previewing…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="176"/>
        <source>请选择一个人群包。</source>
        <translation>Choose a segment.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="186"/>
        <source>没有匹配到任何客户。</source>
        <translation>No members matched.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="187"/>
        <source>这个人群包现在没有客户。</source>
        <translation>This segment has no members right now.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="205"/>
        <source>正在发放…</source>
        <translation>Awarding…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="213"/>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="361"/>
        <source>已取消，什么都没有写入。</source>
        <translation>Cancelled; nothing was written.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="218"/>
        <source>扣回</source>
        <translation>Taken back</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="218"/>
        <source>发放</source>
        <translation>Awarded</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="219"/>
        <source>已{verb}：{k} 位客户各 {a} 分，合计 {t} 分（批次“{key}”）。</source>
        <translation>{verb}: {a} points each for {k} members, {t} in total (batch &quot;{key}&quot;).</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="223"/>
        <source>{k} 位之前已经发过，没有重复发放。</source>
        <translation> {k} had already received them and were not awarded again.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="225"/>
        <source>{k} 位积分不足，没有扣。</source>
        <translation> {k} had too few points and were skipped.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="226"/>
        <source>积分{verb}「{reason}」</source>
        <translation>{verb} points: {reason}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="255"/>
        <source>撤销「{what}」？会给这次涉及的每位客户追加一条冲正记录，抵消这次的积分；账本里原来的记录保留。</source>
        <translation>Undo &quot;{what}&quot;? A reversal entry is added for each member involved, cancelling these points; the original ledger entries are kept.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="262"/>
        <source>已取消撤销，什么都没有改变。</source>
        <translation>Undo cancelled; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="264"/>
        <source>已撤销：{what}（追加 {k} 条冲正记录）</source>
        <translation>Undone: {what} ({k} reversal entries added)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="297"/>
        <source>到期规则已改为：{rule}。今后获得的积分按新规则定到期日，已经获得的积分到期日不变。</source>
        <translation>Expiry rule changed to: {rule}. Points earned from now on get their expiry date from the new rule; points already earned keep theirs.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="306"/>
        <source>导出积分到期提醒名单</source>
        <translation>Export the points expiry reminder list</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="307"/>
        <source>积分到期提醒-{day}.xlsx</source>
        <translation>points-expiry-reminder-{day}.xlsx</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="309"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="322"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="330"/>
        <source>已取消导出。</source>
        <translation>Export cancelled.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="336"/>
        <source>已导出 {k} 位客户到“{file}”。</source>
        <translation>Exported {k} members to &quot;{file}&quot;.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="353"/>
        <source>为 {day} 执行积分到期：{k} 位客户共 {p} 分会被清零，每位记一条“过期”记录。同一天只会执行一次。</source>
        <translation>Run points expiry for {day}: {p} points of {k} members are cleared, with an &quot;expired&quot; entry for each member. Each day runs only once.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="356"/>
        <source>正在执行到期…</source>
        <translation>Running expiry…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="367"/>
        <source>已执行 {day} 的到期：{k} 位客户共 {p} 分已过期。</source>
        <translation>Expiry for {day} done: {p} points of {k} members expired.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="379"/>
        <source>正在核对…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="382"/>
        <source>全部一致：每位客户的余额都等于他的积分明细之和。</source>
        <translation>All consistent: every member&apos;s balance equals the sum of their points statement.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="384"/>
        <source>客户 {id} 显示 {cached}，明细合计 {ledger}</source>
        <translation>member {id} shows {cached}, statement totals {ledger}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="386"/>
        <source>有 {k} 位客户的余额与明细不一致（{examples}）。可以按明细重建余额。</source>
        <translation>{k} members&apos; balances differ from their statements ({examples}). You can rebuild the balances from the statements.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="392"/>
        <source>已按明细改正 {k} 位客户的余额。</source>
        <translation>Corrected the balances of {k} members from their statements.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="401"/>
        <source>正在校验…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="407"/>
        <source>已取消校验（已校验约 {k} 条）。</source>
        <translation>Verification cancelled (about {k} entries checked).</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="413"/>
        <source>哈希链完好：{k} 条积分记录逐条校验通过，没有被改动、删除或调换。</source>
        <translation>The hash chain is intact: all {k} points entries verified; none was changed, deleted or moved.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="417"/>
        <source>哈希链在第 {seq} 条记录处断开：{why} 这说明账本在本应用之外被改动过。请从「备份与恢复」恢复一份之前的备份，或联系技术支持。</source>
        <translation>The hash chain breaks at entry {seq}: {why} This means the ledger was changed outside this app. Restore an earlier backup from &quot;Backups&quot;, or contact support.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="422"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_controller.py" line="422"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_page.py" line="28"/>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_page.py" line="28"/>
        <source>排行</source>
        <translation>Leaderboard</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_page.py" line="29"/>
        <source>批量发放</source>
        <translation>Bulk awards</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_page.py" line="29"/>
        <source>到期</source>
        <translation>Expiry</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_page.py" line="30"/>
        <source>校验</source>
        <translation>Checks</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="47"/>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="48"/>
        <source>上周</source>
        <translation>Last week</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="51"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="52"/>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_tabs.py" line="56"/>
        <source>{words}（{dates}）</source>
        <translation>{words} ({dates})</translation>
    </message>
</context>
<context>
    <name>PointsRulesTab</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="103"/>
        <source>积分规则</source>
        <translation>Points rules</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="106"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="109"/>
        <source>新增规则</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="111"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="113"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="115"/>
        <source>看看这条规则在过去 30 天会给谁发多少分</source>
        <translation>See who this rule would have given how many points in the last 30 days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="135"/>
        <source>启用</source>
        <translation>On</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="118"/>
        <source>发放今天的规则积分…</source>
        <translation>Award today&apos;s rule points…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="120"/>
        <source>按启用的规则，给今天的生日、游戏、邀请等发放积分；已经发过的不会再发。</source>
        <translation>Awards points for today&apos;s birthdays, games, invitations and so on under the rules that are on; points already awarded are not awarded again.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="128"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="129"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="130"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="131"/>
        <source>每日上限</source>
        <translation>Daily cap</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="133"/>
        <source>每月上限</source>
        <translation>Monthly cap</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="135"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="136"/>
        <source>停用</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="137"/>
        <source>修改时间</source>
        <translation>Modified</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="153"/>
        <source>还没有积分规则。点“新增规则”设定参与游戏、名次、生日、邀请好友或消费各得多少积分。</source>
        <translation>No points rules yet. Click &quot;Add rule&quot; to set how many points taking part in a game, a game rank, a birthday, inviting a friend or a purchase earns.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="164"/>
        <source>启用或修改规则前会先预览它在过去 30 天的效果。同一事件只发一次积分：重复发放不会多发，上限按工作区时区的自然日、自然月计算。</source>
        <translation>Before a rule is turned on or changed, you see a preview of its effect over the last 30 days. Each event earns points only once: running again never awards twice, and caps count calendar days and months in the workspace&apos;s time zone.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="188"/>
        <source>{n} 条规则，{k} 条启用</source>
        <translation>{n} rules, {k} on</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="224"/>
        <source>停用</source>
        <comment>button</comment>
        <translation>Turn off</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="116"/>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="225"/>
        <source>启用…</source>
        <translation>Turn on…</translation>
    </message>
</context>
<context>
    <name>PointsSheetController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="50"/>
        <source>选择积分表格</source>
        <translation>Choose a points sheet</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="50"/>
        <source>表格文件 (*.xlsx *.xls *.ods *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="79"/>
        <source>正在读取表格…</source>
        <translation>Reading the sheet…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="86"/>
        <source>已取消读取。</source>
        <translation>Reading cancelled.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="102"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="109"/>
        <source>已取消，什么都没有写入。</source>
        <translation>Cancelled; nothing was written.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="117"/>
        <source>已导入 {k} 条：发放 {given} 分，扣回 {taken} 分。</source>
        <translation>Imported {k} entries: {given} points awarded, {taken} taken back.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="120"/>
        <source>{k} 行之前已经导入过，没有重复记。</source>
        <translation> {k} rows had been imported before and were not recorded again.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="130"/>
        <source>保存有问题的行</source>
        <translation>Save problem rows</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="131"/>
        <source>{stem}-有问题的行.xlsx</source>
        <translation>{stem}-problem-rows.xlsx</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="132"/>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="190"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="148"/>
        <source>已把 {k} 行有问题的存到“{file}”：改好后再导入即可。</source>
        <translation>Saved {k} rows with problems to &quot;{file}&quot;: fix them and import again.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="160"/>
        <source>撤销这次表格导入？会给每位客户追加一条冲正记录抵消它；账本里原来的记录保留。</source>
        <translation>Undo this sheet import? A reversal entry is added for each member to cancel it; the original ledger entries are kept.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="165"/>
        <source>已取消撤销，什么都没有改变。</source>
        <translation>Undo cancelled; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="167"/>
        <source>已撤销这次导入（追加 {k} 条冲正记录）。</source>
        <translation>Import undone ({k} reversal entries added).</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="187"/>
        <source>积分明细-{name}-{day}.xlsx</source>
        <translation>points-statement-{name}-{day}.xlsx</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="188"/>
        <source>积分明细-{day}.xlsx</source>
        <translation>points-statement-{day}.xlsx</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="189"/>
        <source>导出积分明细</source>
        <translation>Export points statements</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="200"/>
        <source>正在导出积分明细…</source>
        <translation>Exporting points statements…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="214"/>
        <source>这个人群包已经不在了。</source>
        <translation>This segment no longer exists.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="219"/>
        <source>已取消导出，没有留下半个文件。</source>
        <translation>Export cancelled; no partial file was left behind.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="224"/>
        <source>已导出 {k} 位客户的 {e} 条积分记录到“{file}”。</source>
        <translation>Exported {e} points entries of {k} members to &quot;{file}&quot;.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="229"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/points_sheet_controller.py" line="229"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="235"/>
        <source>预览规则“{name}”</source>
        <translation>Preview rule &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="242"/>
        <source>按过去</source>
        <translation>Replay the last</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="247"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="250"/>
        <source>的记录回放</source>
        <translation>of records</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="253"/>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="302"/>
        <source>正在计算…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="265"/>
        <source>客户编号</source>
        <translation>Member No.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="267"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="268"/>
        <source>次数</source>
        <translation>Awards</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="270"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="272"/>
        <source>上限</source>
        <translation>Cap</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="287"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="298"/>
        <source>触到上限（原应 {uncapped}）</source>
        <translation>Capped (would be {uncapped})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="308"/>
        <source>过去 {days} 天：{members} 位客户共得 {total} 分（{events} 个事件）。</source>
        <translation>Last {days} days: {members} members would have earned {total} points in total ({events} events).</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="312"/>
        <source>过去 {days} 天：没有客户会得到积分（{events} 个事件）。</source>
        <translation>Last {days} days: no member would have earned points ({events} events).</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="315"/>
        <source> {capped} 位客户触到上限，共截去 {cut} 分。</source>
        <translation> {capped} members hit a cap; {cut} points cut in total.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="318"/>
        <source> 没有人触到上限。</source>
        <translation> Nobody hit a cap.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="328"/>
        <source>还没有导入订单，这条规则暂时不会发放积分；导入订单后会按规则发放。</source>
        <translation>No orders have been imported yet, so this rule awards no points for now; once orders are imported, it awards points by the rule.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="330"/>
        <source>群成员名单里没有“客户邀请客户”的记录：企业微信只记下由员工邀请入群的情况，所以这条规则暂时不会发放积分。</source>
        <translation>The group rosters have no &quot;member invited by a member&quot; records: WeCom only records invitations made by staff, so this rule awards no points for now.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="333"/>
        <source>过去 {days} 天没有符合这条规则的事件。</source>
        <translation>No events matched this rule in the last {days} days.</translation>
    </message>
</context>
<context>
    <name>ProgressRow</name>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/progress.py" line="52"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/progress.py" line="72"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>RedemptionsTab</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="230"/>
        <source>兑换记录</source>
        <translation>Redemptions</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="231"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="234"/>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="237"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="246"/>
        <source>为客户兑换：</source>
        <translation>Redeem for a member:</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="253"/>
        <source>客户编号</source>
        <translation>Member No.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="259"/>
        <source>兑换</source>
        <translation>Redeem</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="266"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="268"/>
        <source>兑换时间</source>
        <translation>Redeemed at</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="270"/>
        <source>客户</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="272"/>
        <source>奖品</source>
        <translation>Reward</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="273"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="275"/>
        <source>另付现金</source>
        <translation>Plus cash</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="277"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="278"/>
        <source>券码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="279"/>
        <source>处理时间</source>
        <translation>Handled at</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="282"/>
        <source>备注</source>
        <translation>Remark</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="292"/>
        <source>没有兑换记录。在上面选一个奖品、填客户编号，点“兑换”。</source>
        <translation>No redemptions. Pick a reward above, enter a member number and click &quot;Redeem&quot;.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="300"/>
        <source>发放</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="302"/>
        <source>取消兑换</source>
        <translation>Cancel redemption</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="327"/>
        <source>{points} 积分</source>
        <translation>{points} points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="344"/>
        <source>待发放 {p} · 已发放 {i} · 已取消 {c}</source>
        <translation>{p} pending · {i} issued · {c} cancelled</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="380"/>
        <source>请先填客户编号。</source>
        <translation>Enter a member number first.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="394"/>
        <source>选择一条待发放的兑换，发货或发券后点“发放”；不能兑现的点“取消兑换”，积分会原路退回。</source>
        <translation>Select a pending redemption and click &quot;Issue&quot; once the goods or the coupon have been sent. If it cannot be fulfilled, click &quot;Cancel redemption&quot; and the points are refunded.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="397"/>
        <source>#{id} {member} 兑换“{item}”，已扣 {points} 积分，等待发放。</source>
        <translation>#{id}: {member} redeemed &quot;{item}&quot;; {points} points deducted, waiting to be issued.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="401"/>
        <source>券码 {code}。</source>
        <translation> Code: {code}.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="402"/>
        <source>#{id} 已于 {at} 发放。</source>
        <translation>#{id} was issued on {at}.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/rewards_tabs.py" line="405"/>
        <source>#{id} 已于 {at} 取消，{points} 积分已退回。</source>
        <translation>#{id} was cancelled on {at}; {points} points were refunded.</translation>
    </message>
</context>
<context>
    <name>RewardsController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="99"/>
        <source>没有这位客户</source>
        <translation>No such member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="101"/>
        <source>{name} · 可用 {spendable} 积分</source>
        <translation>{name} · {spendable} points to spend</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="109"/>
        <source>已新增奖品“{name}”</source>
        <translation>Added reward &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="117"/>
        <source>已保存奖品“{name}”</source>
        <translation>Saved reward &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="124"/>
        <source>“{name}”已上架</source>
        <translation>&quot;{name}&quot; is on the shelf</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="124"/>
        <source>“{name}”已下架，不能再兑换</source>
        <translation>&quot;{name}&quot; is off the shelf and can no longer be redeemed</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="134"/>
        <source>“{name}”新增 {added} 个券码（重复 {repeated}，已有 {existing}，空白 {blank}，无效 {refused}）</source>
        <translation>&quot;{name}&quot;: {added} new codes ({repeated} repeated, {existing} already there, {blank} blank, {refused} invalid)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="143"/>
        <source>文件里没有新的券码：请检查选的文件，券码放在第一列或“券码”列。</source>
        <translation>The file has no new codes. Check the file you chose: codes go in the first column or in a column headed &quot;code&quot;.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="156"/>
        <source>已为 {member} 兑换“{item}”，扣 {points} 积分，等待发放（#{id}）</source>
        <translation>Redeemed &quot;{item}&quot; for {member}: {points} points deducted, waiting to be issued (#{id})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="169"/>
        <source>把兑换 #{id} 的“{item}”发给 {member}。</source>
        <translation>Issue &quot;{item}&quot; from redemption #{id} to {member}.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="172"/>
        <source>会分配一个券码，请把它发给客户。</source>
        <translation> A code will be assigned; send it to the member.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="173"/>
        <source>发放后不能再取消。</source>
        <translation> Once issued, it can no longer be cancelled.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="176"/>
        <source>取消兑换 #{id}（{member} 的“{item}”）：{points} 积分会原路退回到原来的积分批次，库存加回 1。取消后不能恢复。</source>
        <translation>Cancel redemption #{id} (&quot;{item}&quot; for {member}): the {points} points go back to the batches they came from, and 1 goes back into stock. A cancellation cannot be reversed.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="185"/>
        <source>发放兑换</source>
        <translation>Issue redemption</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="185"/>
        <source>发放</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="186"/>
        <source>备注（可不填，如快递单号）</source>
        <translation>Remark (optional, e.g. a tracking number)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="193"/>
        <source>兑换 #{id} 已发放，券码 {code}</source>
        <translation>Redemption #{id} issued, code {code}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="196"/>
        <source>兑换 #{id} 已发放</source>
        <translation>Redemption #{id} issued</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="206"/>
        <source>取消兑换</source>
        <translation>Cancel redemption</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="207"/>
        <source>取消原因（可不填，如：缺货）</source>
        <translation>Reason for cancelling (optional, e.g. out of stock)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="213"/>
        <source>兑换 #{id} 已取消，{points} 积分已退回</source>
        <translation>Redemption #{id} cancelled, {points} points refunded</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="264"/>
        <source>导入“{name}”的券码</source>
        <translation>Import codes for &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rewards_controller.py" line="265"/>
        <source>表格文件 (*.xlsx *.xls *.ods *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.ods *.csv)</translation>
    </message>
</context>
<context>
    <name>RosterController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="160"/>
        <source>包含全部这些标签</source>
        <translation>Has all of these tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="160"/>
        <source>包含任一标签</source>
        <translation>Has any of these tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="161"/>
        <source>排除这些标签</source>
        <translation>Has none of these tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="170"/>
        <source>选中的客户.xlsx</source>
        <translation>selected-members.xlsx</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="172"/>
        <source>搜索结果.xlsx</source>
        <translation>search-results.xlsx</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="173"/>
        <source>客户名单.xlsx</source>
        <translation>members.xlsx</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="185"/>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="343"/>
        <source>没有修改。</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="187"/>
        <source>修改客户资料</source>
        <translation>Edit member profile</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="189"/>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="343"/>
        <source>已保存（可按 Ctrl+Z 撤销）</source>
        <translation>Saved (Ctrl+Z to undo)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="197"/>
        <source>备注没有变化。</source>
        <translation>The remark is unchanged.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="199"/>
        <source>备注已保存，待同步到企业微信。</source>
        <translation>Remark saved, waiting to sync to WeCom.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="232"/>
        <source>选中的 {n} 位客户</source>
        <translation>the {n} selected members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="233"/>
        <source>筛选出的全部 {n} 位客户</source>
        <translation>all {n} filtered members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="234"/>
        <source>添加标签</source>
        <translation>Add tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="234"/>
        <source>移除标签</source>
        <translation>Remove tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="235"/>
        <source>给{who}添加标签：</source>
        <translation>Add a tag to {who}:</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="235"/>
        <source>从{who}移除标签：</source>
        <translation>Remove a tag from {who}:</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="252"/>
        <source>给 {n} 位客户打上“{tag}”</source>
        <translation>Tag {n} members with &quot;{tag}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="253"/>
        <source>从 {n} 位客户移除“{tag}”</source>
        <translation>Remove &quot;{tag}&quot; from {n} members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="254"/>
        <source>，并同步到企业微信：将向企业微信发送 {pushes} 次修改（每位客户的每个跟进员工各一次），在下次同步或“立即发送”时发出。继续吗？</source>
        <translation>, and sync it to WeCom: {pushes} changes will be sent to WeCom (one per member and staff member who follows them), at the next sync or on &quot;Send now&quot;. Continue?</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="262"/>
        <source>确认批量修改标签</source>
        <translation>Confirm bulk tag change</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="262"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="273"/>
        <source>已给 {n} 位客户打上“{tag}”</source>
        <translation>Added &quot;{tag}&quot; to {n} members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="277"/>
        <source>已从 {n} 位客户移除“{tag}”</source>
        <translation>Removed &quot;{tag}&quot; from {n} members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="282"/>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="356"/>
        <source>（可按 Ctrl+Z 撤销）</source>
        <translation> (Ctrl+Z to undo)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="289"/>
        <source>导入：新增 {new}，更新 {updated}</source>
        <translation>Import: {new} new, {updated} updated</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="263"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="306"/>
        <source>已取消撤销，什么都没有改变。</source>
        <translation>Undo cancelled: nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="314"/>
        <source>已撤销：{what}（恢复 {n} 项）</source>
        <translation>Undone: {what} ({n} restored)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="341"/>
        <source>修改渠道列表</source>
        <translation>Edit channel list</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="353"/>
        <source>已合并渠道，{n} 位客户移到了新渠道</source>
        <translation>Channels merged: {n} members moved to the new channel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="354"/>
        <source>合并渠道</source>
        <translation>Merge channels</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="364"/>
        <source>保存人群包</source>
        <translation>Save segment</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="365"/>
        <source>给当前筛选起个名字（{n} 位客户）：</source>
        <translation>Name the current filter ({n} members):</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="374"/>
        <source>已保存人群包“{name}”</source>
        <translation>Saved segment &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="386"/>
        <source>删除人群包</source>
        <translation>Delete segment</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/roster_controller.py" line="387"/>
        <source>删除这个人群包？客户和标签不受影响。</source>
        <translation>Delete this segment? Members and tags are not affected.</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../../siyu_desktop/ui/models/roster_model.py" line="58"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/roster_model.py" line="59"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/roster_model.py" line="60"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/roster_model.py" line="61"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/roster_model.py" line="62"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/roster_model.py" line="63"/>
        <source>跟进员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/roster_model.py" line="64"/>
        <source>添加时间</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/roster_model.py" line="65"/>
        <source>最近活跃</source>
        <translation>Last active</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/roster_model.py" line="66"/>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/roster_model.py" line="67"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/models/roster_model.py" line="68"/>
        <source>备注</source>
        <translation>Remark</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="83"/>
        <source>搜索姓名、手机号、备注或拼音首字母（如 zs）</source>
        <translation>Search name, phone, remark or pinyin (zs)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="90"/>
        <source>人群包</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="92"/>
        <source>保存为人群包…</source>
        <translation>Save as segment…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="95"/>
        <source>删除人群包</source>
        <translation>Delete segment</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="107"/>
        <source>标签分布</source>
        <translation>Tag breakdown</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="108"/>
        <source>显示或隐藏左侧的标签分布</source>
        <translation>Show or hide the tag breakdown on the left</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="119"/>
        <source>添加标签…</source>
        <translation>Add tag…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="120"/>
        <source>移除标签…</source>
        <translation>Remove tag…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="121"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="129"/>
        <source>导入 Excel…</source>
        <translation>Import Excel…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="130"/>
        <source>从 Excel / CSV 导入客户名单，先预览再写入</source>
        <translation>Import members from Excel / CSV: preview first, then write</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="131"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="132"/>
        <source>导出选中的客户；没有选中时导出当前筛选出的全部客户</source>
        <translation>Export the selected members; with none selected, everyone in the current filter</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="145"/>
        <source>标签分布（当前筛选）</source>
        <translation>Tags in current filter</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="149"/>
        <source>筛选标签</source>
        <translation>Filter tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="153"/>
        <source>标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="154"/>
        <source>人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="171"/>
        <source>双击一个标签，把它加入筛选</source>
        <translation>Double-click a tag to add it to the filter</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="203"/>
        <source>右键点击表头，选择显示哪些列</source>
        <translation>Right-click the header to choose which columns to show</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="240"/>
        <source>导入 Excel 名单…</source>
        <translation>Import an Excel roster…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="242"/>
        <source>连接企业微信并同步…</source>
        <translation>Connect to WeCom and sync…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="244"/>
        <source>清空筛选和搜索</source>
        <translation>Clear filters and search</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="265"/>
        <source>共 {n} 位客户</source>
        <translation>{n} members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="267"/>
        <source>筛选出 {n} / {total} 位客户</source>
        <translation>{n} of {total} members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="272"/>
        <source>这个工作区还没有客户</source>
        <translation>This workspace has no members yet</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="274"/>
        <source>有两种方式把客户放进来：导入一份 Excel / CSV 客户名单（先预览再写入），或在「企业微信」页连接企业微信并同步，客户、标签和客户群会一起下载。</source>
        <translation>There are two ways to bring members in: import an Excel / CSV roster (previewed before anything is written), or connect to WeCom on the WeCom screen and sync; members, tags and customer groups are downloaded together.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="277"/>
        <source>没有符合条件的客户</source>
        <translation>No members match</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="278"/>
        <source>换个搜索词，或放宽筛选条件。</source>
        <translation>Try another search, or loosen the filters.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="290"/>
        <source>（当前筛选）</source>
        <translation>(current filter)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/roster_page.py" line="363"/>
        <source>已选 {n} 人</source>
        <translation>{n} selected</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="59"/>
        <source>新增积分规则</source>
        <translation>Add points rule</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="59"/>
        <source>编辑积分规则</source>
        <translation>Edit points rule</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="70"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="73"/>
        <source>如：参与游戏、生日积分（会写进客户的积分明细）</source>
        <translation>e.g. Game participation, Birthday points (shown in the member&apos;s points statement)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="74"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="80"/>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="148"/>
        <source> 分</source>
        <translation> points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="82"/>
        <source>每次积分</source>
        <translation>Points each time</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="87"/>
        <source>第 1 名、第 2 名…的积分，用逗号隔开，如 50, 30, 20</source>
        <translation>Points for 1st, 2nd… place, separated by commas, e.g. 50, 30, 20</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="88"/>
        <source>名次积分</source>
        <translation>Points by rank</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="92"/>
        <source>如 1 或 0.5</source>
        <translation>e.g. 1 or 0.5</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="93"/>
        <source>每消费 1 元得</source>
        <translation>Points per ¥1 spent</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="98"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="101"/>
        <source>好友至少留存</source>
        <translation>Friend stays at least</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="104"/>
        <source>每人每天最多</source>
        <translation>Per member per day, at most</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="108"/>
        <source>每日上限</source>
        <translation>Daily cap</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="109"/>
        <source>每人每月最多</source>
        <translation>Per member per month, at most</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="113"/>
        <source>每月上限</source>
        <translation>Monthly cap</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="126"/>
        <source>下一步：预览</source>
        <translation>Next: preview</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="185"/>
        <source>（还没有导入订单，这条规则暂时不会发放积分。）</source>
        <translation> (No orders imported yet, so this rule awards no points for now.)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/rule_dialog.py" line="193"/>
        <source>名次积分“{text}”看不懂：请写成 50, 30, 20 这样，依次是第 1 名、第 2 名…的积分。</source>
        <translation>Can&apos;t read the rank points &quot;{text}&quot;: write them like 50, 30, 20, the points for 1st, 2nd… place in order.</translation>
    </message>
</context>
<context>
    <name>RulesController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="64"/>
        <source>已新增并启用规则“{name}”</source>
        <translation>Added and turned on the rule &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="65"/>
        <source>已新增规则“{name}”（未启用）</source>
        <translation>Added the rule &quot;{name}&quot; (off)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="74"/>
        <source>已保存规则“{name}”，已启用</source>
        <translation>Saved the rule &quot;{name}&quot;; it is on</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="75"/>
        <source>已保存规则“{name}”，已停用</source>
        <translation>Saved the rule &quot;{name}&quot;; it is off</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="84"/>
        <source>规则“{name}”已启用</source>
        <translation>The rule &quot;{name}&quot; is on</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="84"/>
        <source>规则“{name}”已停用</source>
        <translation>The rule &quot;{name}&quot; is off</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="103"/>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="106"/>
        <source>保存并启用</source>
        <translation>Save and turn on</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="103"/>
        <source>保存，先不启用</source>
        <translation>Save, leave off for now</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="106"/>
        <source>保存，先停用</source>
        <translation>Save and turn off for now</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="123"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="125"/>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="132"/>
        <source>启用</source>
        <translation>Turn on</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="159"/>
        <source>{name}：{n} 笔，{points} 分（已发过 {paid}）</source>
        <translation>{name}: {n} awards, {points} points ({paid} already awarded)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="162"/>
        <source>{day}：按启用的规则给 {members} 位客户发放 {total} 分。</source>
        <translation>{day}: award {total} points to {members} members under the rules that are on.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="171"/>
        <source>今天按规则该发的积分都已发过，没有新的要发。</source>
        <translation>Today&apos;s rule points have all been awarded already; there is nothing new to award.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="173"/>
        <source>发放今天的规则积分</source>
        <translation>Award today&apos;s rule points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="176"/>
        <source>发放</source>
        <translation>Award</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="177"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="187"/>
        <source>没有新的积分要发。</source>
        <translation>No new points to award.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/rules_controller.py" line="189"/>
        <source>已按规则给 {members} 位客户发放 {total} 分（可在操作记录中撤销）</source>
        <translation>Awarded {total} points to {members} members by rule (can be undone in History)</translation>
    </message>
</context>
<context>
    <name>SegmentBar</name>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="124"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="125"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="126"/>
        <source>编辑渠道…</source>
        <translation>Edit channels…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="128"/>
        <source>跟进员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="129"/>
        <source>所在群类型</source>
        <translation>Group type</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="138"/>
        <source>点击取消按社群筛选</source>
        <translation>Click to stop filtering by group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="148"/>
        <source>添加时间不限</source>
        <translation>Added: any time</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="149"/>
        <source>{n} 天内添加</source>
        <translation>Added in last {n} days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="152"/>
        <source>活跃不限</source>
        <translation>Active: any time</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="152"/>
        <source>7 天内活跃</source>
        <translation>Active in last 7 days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="152"/>
        <source>30 天内活跃</source>
        <translation>Active in last 30 days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="153"/>
        <source>30 天未活跃</source>
        <translation>Inactive 30+ days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="153"/>
        <source>90 天未活跃</source>
        <translation>Inactive 90+ days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="153"/>
        <source>180 天未活跃</source>
        <translation>Inactive 180+ days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="156"/>
        <source>生日不限</source>
        <translation>Birthday: any</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="157"/>
        <source>7 天内生日</source>
        <translation>Birthday within 7 days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="158"/>
        <source>30 天内生日</source>
        <translation>Birthday within 30 days</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="160"/>
        <source>{m} 月生日</source>
        <translation>Birthday in month {m}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="164"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="169"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="178"/>
        <source>清空筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="227"/>
        <source>所在群: {n} 个 ✕</source>
        <translation>Groups: {n} ✕</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="239"/>
        <source>所在群: {name} ✕</source>
        <translation>Group: {name} ✕</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="252"/>
        <source>包含全部标签</source>
        <translation>Has all tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="253"/>
        <source>包含任一标签</source>
        <translation>Has any tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="254"/>
        <source>排除标签</source>
        <translation>Excludes tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/segment_bar.py" line="262"/>
        <source>{title}: {first} 等 {n} 个</source>
        <translation>{title}: {first}… ({n})</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/settings_controller.py" line="89"/>
        <source>已保存工作区设置。</source>
        <translation>Workspace settings saved.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/settings_controller.py" line="106"/>
        <source>已保存：之后的操作记为“{name}”。</source>
        <translation>Saved: your operations from now on are recorded as &quot;{name}&quot;.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/settings_controller.py" line="107"/>
        <source>已清除名字：之后的操作记为“我（窗口）”。</source>
        <translation>Name cleared: your operations from now on are recorded as &quot;Me (window)&quot;.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/settings_controller.py" line="114"/>
        <source>无法保存语言设置：{why}</source>
        <translation>Could not save the language setting: {why}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/settings_controller.py" line="117"/>
        <source>更改后重新打开私域运营台生效。</source>
        <translation>A change takes effect when Siyu Desktop is opened again.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/settings_controller.py" line="120"/>
        <source>已选择 {name}：重新打开私域运营台后生效。</source>
        <translation>{name} chosen: it takes effect when Siyu Desktop is opened again.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="74"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="80"/>
        <source>你的名字</source>
        <translation>Your name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="86"/>
        <source>例如：小美（社群运营）</source>
        <translation>e.g. Amy (community team)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="88"/>
        <source>保存名字</source>
        <translation>Save name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="93"/>
        <source>操作记录的“操作人”一栏用这个名字记下你之后的每次操作（这个工作区内）。留空时显示为“我（窗口）”。已有的记录保持当时的名字。</source>
        <translation>The History screen records each of your later operations in this workspace under this name (the &quot;By&quot; column). Left empty, it shows &quot;Me (window)&quot;. Earlier records keep the name they were made under.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="105"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="113"/>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="114"/>
        <source>更改后重新打开私域运营台生效。</source>
        <translation>A change takes effect when Siyu Desktop is opened again.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="120"/>
        <source>渠道</source>
        <translation>Channels</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="122"/>
        <source>客户从哪里来（包裹卡、直播……）：名称、别名与合并。导入时按别名对应到渠道，导出写渠道名称。</source>
        <translation>Where customers come from (package cards, live streams…): names, aliases and merges. Imports map aliases to channels; exports write channel names.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="128"/>
        <source>编辑渠道列表…</source>
        <translation>Edit channel list…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="138"/>
        <source>工作区设置</source>
        <translation>Workspace settings</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="141"/>
        <source>只对这个工作区生效，保存在工作区文件里，随文件交接。</source>
        <translation>These apply to this workspace only; they are stored in the workspace file and travel with it.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="149"/>
        <source>例如：毛孩子食堂</source>
        <translation>e.g. Furry Kitchen</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="150"/>
        <source>品牌名称</source>
        <translation>Brand name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="157"/>
        <source>“今天”、发送时段和定时任务都按这个时区计算。可以直接输入其他标准时区名。</source>
        <translation>&quot;Today&quot;, send hours and scheduled jobs follow this time zone. You can type any other standard time-zone name.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="159"/>
        <source>时区</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="163"/>
        <source>每月最多当月天数条（每位客户、每个客户群）</source>
        <translation>At most as many per month as the month has days (per customer, per group)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="164"/>
        <source>每周最多 7 条</source>
        <translation>At most 7 per week</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="165"/>
        <source>每天最多 1 条</source>
        <translation>At most 1 per day</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="167"/>
        <source>与企业微信管理后台「客户联系 → 群发规则」保持一致。</source>
        <translation>Keep this the same as the WeCom admin console&apos;s Customer Contact → Mass message rules.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="174"/>
        <source>群发次数上限</source>
        <translation>Mass message limit</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="184"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="187"/>
        <source>发送时段</source>
        <translation>Send hours</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="196"/>
        <source>不设置（导入时再选）</source>
        <translation>None (choose when importing)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="197"/>
        <source>导入默认标签组</source>
        <translation>Default tag group for imports</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="200"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="217"/>
        <source>备份与恢复</source>
        <translation>Backups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="219"/>
        <source>每天自动备份一次，保留最近几份。可以立即备份、恢复到某一份备份，或导出一份工作区副本交给同事。</source>
        <translation>Backed up automatically once a day; the latest few backups are kept. You can back up now, restore a backup, or export a copy of the workspace for a colleague.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/settings_page.py" line="225"/>
        <source>备份与恢复…</source>
        <translation>Backups and restore…</translation>
    </message>
</context>
<context>
    <name>SheetDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="51"/>
        <source>从表格发放积分：{file}</source>
        <translation>Award points from a sheet: {file}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="57"/>
        <source>表格里每行一位客户（客户编号、手机号或客户 ID）和积分（负数为扣回），可有「原因」「批次」列。先看预览，确认后再导入；同一批次对同一位客户只记一次，同一个文件再导入不会重复。</source>
        <translation>One row per member (member number, phone or customer ID) with the points (a negative number takes points back), optionally with &quot;Reason&quot; and &quot;Batch&quot; columns. Check the preview, then import. A batch counts each member only once, so importing the same file again never counts twice.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="64"/>
        <source>「原因」列为空的行用这个原因，例如：门店活动补发</source>
        <translation>Used for rows with an empty &quot;Reason&quot; column, e.g. store event top-up</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="68"/>
        <source>重新预览</source>
        <translation>Preview again</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="71"/>
        <source>默认原因</source>
        <translation>Default reason</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="74"/>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="141"/>
        <source>正在读取表格…</source>
        <translation>Reading the sheet…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="80"/>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="92"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="81"/>
        <source>客户编号</source>
        <translation>Member No.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="82"/>
        <source>客户</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="82"/>
        <source>（未命名）</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="83"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="84"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="85"/>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="93"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="104"/>
        <source>将导入</source>
        <translation>To import</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="105"/>
        <source>有问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="106"/>
        <source>已导入过</source>
        <translation>Already imported</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="117"/>
        <source>保存有问题的行…</source>
        <translation>Save problem rows…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="119"/>
        <source>把有问题的行连同错误原因存成表格：改好后再导入，批次不变，不会重复发放。</source>
        <translation>Save the rows with problems and their reasons to a sheet; fix them and import again. The batch stays the same, so nothing is awarded twice.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="124"/>
        <source>撤销这次导入</source>
        <translation>Undo this import</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="128"/>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="161"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="134"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="148"/>
        <source>下表列出前 {k} 行。</source>
        <translation>The tables show the first {k} rows.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="153"/>
        <source>将导入（{k}）</source>
        <translation>To import ({k})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="154"/>
        <source>有问题（{k}）</source>
        <translation>Problems ({k})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="155"/>
        <source>已导入过（{k}）</source>
        <translation>Already imported ({k})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="160"/>
        <source>导入 {k} 行</source>
        <translation>Import {k} rows</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="173"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="193"/>
        <source>默认原因已修改，请点「重新预览」。</source>
        <translation>The default reason has changed; click &quot;Preview again&quot;.</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="202"/>
        <source>导出积分明细</source>
        <translation>Export points statements</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="205"/>
        <source>导出为 Excel：一张表是每位客户的余额，一张表是每一条积分记录（获得、使用、过期、调整），带积分到期日。客户多时需要几分钟，可以随时取消。</source>
        <translation>Exports to Excel: one sheet with each member&apos;s balance, one with every points entry (earned, spent, expired, adjusted) and its expiry date. With many members this takes a few minutes; you can cancel at any time.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="209"/>
        <source>全部客户</source>
        <translation>All members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="210"/>
        <source>人群包</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="211"/>
        <source>一位客户</source>
        <translation>One member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="218"/>
        <source>客户编号</source>
        <translation>Member No.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="234"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="238"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/points_sheet_dialog.py" line="257"/>
        <source>请填写客户编号（数字）。</source>
        <translation>Enter a member number (digits only).</translation>
    </message>
</context>
<context>
    <name>TagGroupDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="399"/>
        <source>新建标签组</source>
        <translation>New tag group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="404"/>
        <source>例如：宠物年龄</source>
        <translation>e.g. Pet age</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="405"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="410"/>
        <source>维度</source>
        <translation>Dimension</translation>
    </message>
</context>
<context>
    <name>TagPickerDialog</name>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/tag_picker.py" line="39"/>
        <source>输入标签名筛选</source>
        <translation>Type to filter tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/tag_picker.py" line="44"/>
        <source>标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/dialogs/tag_picker.py" line="44"/>
        <source>人数</source>
        <translation>Members</translation>
    </message>
</context>
<context>
    <name>TagsController</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="76"/>
        <source>新建标签组“{name}”</source>
        <translation>Create tag group &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="80"/>
        <source>新建标签“{name}”</source>
        <translation>Create tag &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="83"/>
        <source>把标签“{old}”改名为“{new}”。此操作可以撤销。</source>
        <translation>Rename tag &quot;{old}&quot; to &quot;{new}&quot;. You can undo this.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="92"/>
        <source>改名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="97"/>
        <source>标签“{old}”改名为“{new}”</source>
        <translation>Rename tag &quot;{old}&quot; to &quot;{new}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="102"/>
        <source>标签组“{old}”改名为“{new}”</source>
        <translation>Rename tag group &quot;{old}&quot; to &quot;{new}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="110"/>
        <source>删除标签“{tag}”会从 {n} 位客户身上移除它。此操作可以撤销。</source>
        <translation>Deleting tag &quot;{tag}&quot; removes it from {n} members. You can undo this.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="112"/>
        <source>删除 {k} 个标签（{names}）会影响 {n} 位客户，这些标签会从他们身上移除。此操作可以撤销。</source>
        <translation>Deleting {k} tags – {names} – removes them from {n} members. You can undo this.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="121"/>
        <source>删除标签</source>
        <translation>Delete tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="121"/>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="144"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="124"/>
        <source>删除标签 {names}</source>
        <translation>Delete {names}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="132"/>
        <source>删除标签组“{group}”及其中 {k} 个标签，会从 {n} 位客户身上移除这些标签。此操作可以撤销。</source>
        <translation>Deleting tag group &quot;{group}&quot; and its {k} tags removes those tags from {n} members. You can undo this.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="144"/>
        <source>删除标签组</source>
        <translation>Delete tag group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="148"/>
        <source>删除标签组“{group}”</source>
        <translation>Delete tag group &quot;{group}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="153"/>
        <source>把 {sources} 合并到“{target}”：带有这些标签的 {m} 位客户都会带上“{target}”（其中 {n} 位是新打上的），随后删除 {sources}。此操作可以撤销。</source>
        <translation>Merge {sources} into &quot;{target}&quot;: all {m} members with these tags get &quot;{target}&quot; ({n} of them newly), then {sources} are deleted. You can undo this.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="165"/>
        <source>合并标签</source>
        <translation>Merge tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="165"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="169"/>
        <source>把 {sources} 合并到“{target}”</source>
        <translation>Merge {sources} into &quot;{target}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="189"/>
        <source>已撤销：{what}</source>
        <translation>Undone: {what}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="200"/>
        <source>已完成：{what}（可按 Ctrl+Z 撤销）</source>
        <translation>Done: {what} (Ctrl+Z to undo)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="214"/>
        <source>标签“{names}”是在企业微信管理后台创建的，本应用不能修改或删除它。</source>
        <translation>Tag &quot;{names}&quot; was created in the WeCom admin console; this app cannot change or delete it.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="216"/>
        <source>请在企业微信管理后台 → 客户联系 → 客户标签中修改。</source>
        <translation>Change it in the WeCom admin console → Customer Contact → Customer Tags.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="235"/>
        <source>{text}确认后会同步到企业微信。</source>
        <translation>{text} Confirming also syncs this change to WeCom.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="242"/>
        <source>等 {n} 个</source>
        <translation>… ({n} in total)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="268"/>
        <source>新建标签</source>
        <translation>New tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="268"/>
        <source>在“{group}”里新建标签：</source>
        <translation>New tag in &quot;{group}&quot;:</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="92"/>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="273"/>
        <source>重命名标签</source>
        <translation>Rename tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="273"/>
        <source>标签“{tag}”的新名称：</source>
        <translation>New name for tag &quot;{tag}&quot;:</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="280"/>
        <source>重命名标签组</source>
        <translation>Rename tag group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="280"/>
        <source>标签组“{group}”的新名称：</source>
        <translation>New name for tag group &quot;{group}&quot;:</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="289"/>
        <source>合并到…</source>
        <translation>Merge into…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/tags_controller.py" line="291"/>
        <source>把 {sources} 合并到哪个标签？</source>
        <translation>Merge {sources} into which tag?</translation>
    </message>
</context>
<context>
    <name>TagsPage</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="222"/>
        <source>管理后台（只读）</source>
        <translation>Admin console (read-only)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="140"/>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="223"/>
        <source>本地</source>
        <translation>Local</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="104"/>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="176"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="107"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="110"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="124"/>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="136"/>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="177"/>
        <source>标签组</source>
        <translation>Tag groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="128"/>
        <source>新建标签组…</source>
        <translation>New tag group…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="129"/>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="168"/>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="130"/>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="170"/>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="137"/>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="197"/>
        <source>维度</source>
        <translation>Dimensions</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="138"/>
        <source>标签数</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="140"/>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="180"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="141"/>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="223"/>
        <source>企业微信</source>
        <translation>WeCom</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="163"/>
        <source>搜索全部标签</source>
        <translation>Search all tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="167"/>
        <source>新建标签…</source>
        <translation>New tag…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="169"/>
        <source>合并到…</source>
        <translation>Merge into…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="178"/>
        <source>人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="240"/>
        <source>{groups} 个标签组 · {tags} 个标签 · 其中本地标签 {local} 个、管理后台标签 {admin} 个（只读）</source>
        <translation>{groups} tag groups · {tags} tags · {local} local, {admin} from the admin console (read-only)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="252"/>
        <source>撤销：{what}（Ctrl+Z）</source>
        <translation>Undo: {what} (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="291"/>
        <source>全部维度</source>
        <translation>All dimensions</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="294"/>
        <source>{name}（{n}）</source>
        <translation>{name} ({n})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="315"/>
        <source>搜索“{text}”：{n} 个标签</source>
        <translation>Search &quot;{text}&quot;: {n} tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="318"/>
        <source>“{group}”里的标签（{n}）</source>
        <translation>Tags in &quot;{group}&quot; ({n})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="321"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="322"/>
        <source>{scope}标签（{n}）· 选择一个标签组可只看其中的标签</source>
        <translation>{scope} tags ({n}) · select a tag group to see only its tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="359"/>
        <source>还没有标签组：先点「新建标签组…」建一个，再在里面新建标签</source>
        <translation>No tag groups yet: click &quot;New tag group…&quot; to make one, then create tags in it</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="360"/>
        <source>先在左侧选择一个标签组，新标签会放进这个组</source>
        <translation>Choose a tag group on the left first; the new tag goes into that group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="387"/>
        <source>还没有标签组。先点「新建标签组…」建一个，再在里面新建标签；也可以在「企业微信」页同步，把企业微信里的标签下载下来。</source>
        <translation>No tag groups yet. Click &quot;New tag group…&quot; to make one, then create tags in it; or sync on the WeCom screen to download the tags you have in WeCom.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="389"/>
        <source>要新建标签，先在左侧选择一个标签组。</source>
        <translation>To create a tag, first choose a tag group on the left.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="367"/>
        <source>这个标签组里有 {n} 个在企业微信管理后台创建的标签，不能整组删除。</source>
        <translation>This group has {n} tags created in the WeCom admin console, so it cannot be deleted as a whole.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="371"/>
        <source>“{names}”在企业微信管理后台创建，只能在管理后台修改或删除。</source>
        <translation>&quot;{names}&quot; was created in the WeCom admin console and can only be changed or deleted there.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="373"/>
        <source>先在右侧表格里选择标签（按住 Ctrl 可多选）</source>
        <translation>Select tags in the table on the right first (hold Ctrl to select several)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/tags_page.py" line="383"/>
        <source>已选 {n} 个标签，共 {m} 人次</source>
        <translation>{n} tags selected · {m} taggings</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/undo.py" line="23"/>
        <source>正在撤销「{what}」…</source>
        <translation>Undoing &quot;{what}&quot;…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/undo.py" line="24"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/controllers/undo.py" line="24"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/welcome_page.py" line="40"/>
        <source>欢迎使用私域运营台</source>
        <translation>Welcome to Siyu Desktop</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/welcome_page.py" line="44"/>
        <source>客户、标签、客户群和积分都保存在这台电脑上的一个工作区文件里。为自己的品牌新建一个，打开同事交给你的工作区文件，或先用演示工作区试一试。</source>
        <translation>Members, tags, customer groups and points are kept in one workspace file on this computer. Create one for your own brand, open a workspace file a colleague handed you, or try the demo workspace first.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/welcome_page.py" line="51"/>
        <source>新建我的工作区…</source>
        <translation>New workspace for my brand…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/welcome_page.py" line="54"/>
        <source>打开工作区文件…</source>
        <translation>Open workspace file…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/welcome_page.py" line="55"/>
        <source>试用演示工作区</source>
        <translation>Try the demo workspace</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/welcome_page.py" line="64"/>
        <source>最近打开</source>
        <translation>Recent</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/welcome_page.py" line="73"/>
        <source>双击打开。</source>
        <translation>Double-click to open.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/welcome_page.py" line="93"/>
        <source>演示工作区（{name}）</source>
        <translation>Demo workspace ({name})</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="21"/>
        <source>普通</source>
        <translation>Regular</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="22"/>
        <source>银卡</source>
        <translation>Silver</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="23"/>
        <source>金卡</source>
        <translation>Gold</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="24"/>
        <source>黑金</source>
        <translation>Black Gold</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="32"/>
        <source>累计积分</source>
        <translation>Lifetime points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="33"/>
        <source>近 12 个月积分</source>
        <translation>Points, last 12 months</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="34"/>
        <source>累计消费</source>
        <translation>Lifetime spend</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="41"/>
        <source>基础</source>
        <translation>Basic</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="42"/>
        <source>行为</source>
        <translation>Behaviour</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="43"/>
        <source>偏好</source>
        <translation>Preference</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="44"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="45"/>
        <source>兴趣</source>
        <translation>Interest</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="56"/>
        <source>包裹卡</source>
        <translation>Package card</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="57"/>
        <source>AI外呼</source>
        <translation>AI call</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="58"/>
        <source>短信</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="59"/>
        <source>裂变</source>
        <translation>Referral</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="60"/>
        <source>线下活动</source>
        <translation>Offline event</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="61"/>
        <source>直播</source>
        <translation>Live stream</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="62"/>
        <source>小程序</source>
        <translation>Mini program</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="63"/>
        <location filename="../../siyu_desktop/ui/labels.py" line="92"/>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="70"/>
        <source>会员群</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="71"/>
        <source>新人群</source>
        <translation>Newcomer</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="72"/>
        <source>福利群</source>
        <translation>Deals</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="73"/>
        <source>同城群</source>
        <translation>Local</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="74"/>
        <source>兴趣群</source>
        <translation>Interest</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="75"/>
        <source>售后群</source>
        <translation>After-sales</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="76"/>
        <source>未分类</source>
        <translation>Uncategorised</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="83"/>
        <source>直接邀请</source>
        <translation>Invited</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="84"/>
        <source>邀请链接</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="85"/>
        <source>扫码入群</source>
        <translation>QR code</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="93"/>
        <source>扫描二维码</source>
        <translation>Scanned QR code</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="94"/>
        <source>搜索手机号</source>
        <translation>Phone number search</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="95"/>
        <source>名片分享</source>
        <translation>Shared contact card</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="96"/>
        <source>群聊</source>
        <translation>Group chat</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="97"/>
        <source>手机通讯录</source>
        <translation>Phone contacts</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="98"/>
        <source>微信联系人</source>
        <translation>WeChat contact</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="99"/>
        <source>同事分享</source>
        <translation>Shared by colleague</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="100"/>
        <source>管理员分配</source>
        <translation>Assigned by admin</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="111"/>
        <source>优惠券</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="112"/>
        <source>实物</source>
        <translation>Goods</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="113"/>
        <source>积分+现金</source>
        <translation>Points + cash</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="121"/>
        <source>待发放</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="122"/>
        <source>已发放</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="123"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="152"/>
        <source>打标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="153"/>
        <source>移除标签</source>
        <translation>Untag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="154"/>
        <source>合并标签</source>
        <translation>Merge tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="155"/>
        <source>重命名标签</source>
        <translation>Rename tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="156"/>
        <source>删除标签</source>
        <translation>Delete tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="157"/>
        <source>新建标签</source>
        <translation>New tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="158"/>
        <source>新建标签组</source>
        <translation>New tag group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="159"/>
        <source>重命名标签组</source>
        <translation>Rename tag group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="160"/>
        <source>删除标签组</source>
        <translation>Delete tag group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="161"/>
        <source>修改客户资料</source>
        <translation>Edit profile</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="162"/>
        <source>修改备注</source>
        <translation>Edit remark</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="163"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="164"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="165"/>
        <source>保存人群包</source>
        <translation>Save segment</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="166"/>
        <source>删除人群包</source>
        <translation>Delete segment</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="167"/>
        <source>发送到企业微信</source>
        <translation>Sent to WeCom</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="168"/>
        <source>放弃发送</source>
        <translation>Discarded</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="169"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="170"/>
        <source>同步客户</source>
        <translation>Sync customers</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="171"/>
        <source>同步员工</source>
        <translation>Sync staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="172"/>
        <source>同步标签库</source>
        <translation>Sync tag library</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="173"/>
        <source>新增奖品</source>
        <translation>Add reward</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="174"/>
        <source>修改奖品</source>
        <translation>Edit reward</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="175"/>
        <source>导入券码</source>
        <translation>Import codes</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="176"/>
        <source>积分兑换</source>
        <translation>Redeem points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="177"/>
        <source>发放兑换</source>
        <translation>Issue redemption</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="178"/>
        <source>取消兑换</source>
        <translation>Cancel redemption</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="179"/>
        <source>新增积分规则</source>
        <translation>Add points rule</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="180"/>
        <source>修改积分规则</source>
        <translation>Edit points rule</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="181"/>
        <source>启用积分规则</source>
        <translation>Turn on points rule</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="182"/>
        <source>停用积分规则</source>
        <translation>Turn off points rule</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="183"/>
        <source>积分规则发放</source>
        <translation>Award rule points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="184"/>
        <source>修改积分到期规则</source>
        <translation>Change points expiry rule</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="192"/>
        <source>企业微信同步</source>
        <translation>WeCom sync</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="193"/>
        <source>发件箱</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="194"/>
        <source>我（窗口）</source>
        <translation>Me (window)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="195"/>
        <source>我（命令行）</source>
        <translation>Me (command line)</translation>
    </message>
</context>
<context>
    <name>points_rules</name>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="37"/>
        <source>参与游戏</source>
        <translation>Game participation</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="38"/>
        <source>游戏名次</source>
        <translation>Game rank</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="39"/>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="40"/>
        <source>邀请好友留存</source>
        <translation>Invited friend stays</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="41"/>
        <source>消费</source>
        <translation>Purchase</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="42"/>
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="50"/>
        <source>第1名 {first} 分</source>
        <translation>#1: {first} points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="51"/>
        <source> · 第{n}名 {points}</source>
        <translation> · #{n}: {points}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="54"/>
        <source>每消费 1 元 {rate} 分</source>
        <translation>{rate} points per ¥1 spent</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="56"/>
        <source>{points} 分（好友留存满 {days} 天）</source>
        <translation>{points} points (friend stays {days} days)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="59"/>
        <source>发放时填写</source>
        <translation>Set when awarding</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="60"/>
        <source>{points} 分</source>
        <translation>{points} points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="66"/>
        <source>客户每参与一期互动游戏得 {points} 分。</source>
        <translation>A member earns {points} points for each interactive game they take part in.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="67"/>
        <source>每期互动游戏按名次发放：{ranks}。</source>
        <translation>Each interactive game awards points by rank: {ranks}.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="68"/>
        <source>客户生日当天得 {points} 分，每年一次。</source>
        <translation>A member earns {points} points on their birthday, once a year.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="69"/>
        <source>客户邀请的好友入群并留存满 {days} 天，邀请人得 {points} 分，每位好友只算一次。</source>
        <translation>When a friend a member invited joins a group and stays {days} days, the inviter earns {points} points; each friend counts only once.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="71"/>
        <source>每消费 1 元得 {rate} 分（不足 1 分的部分不计）。</source>
        <translation>{rate} points for every ¥1 spent (fractions of a point are dropped).</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="72"/>
        <source>手动发放，积分在发放时填写。</source>
        <translation>Awarded by hand; the points are entered when awarding.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="77"/>
        <source>每人每天最多 {cap} 分</source>
        <translation>at most {cap} points per member a day</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="79"/>
        <source>每人每月最多 {cap} 分</source>
        <translation>at most {cap} points per member a month</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="81"/>
        <source>上限：{caps}。</source>
        <translation> Caps: {caps}.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="81"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/pages/points_rules_tab.py" line="86"/>
        <source>不限</source>
        <translation>No cap</translation>
    </message>
</context>
<context>
    <name>summaries</name>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="204"/>
        <source>给 {n} 位客户打上标签“{tag}”</source>
        <translation>Tagged {n} members &quot;{tag}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="205"/>
        <source>从 {n} 位客户移除标签“{tag}”</source>
        <translation>Removed tag &quot;{tag}&quot; from {n} members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="206"/>
        <source>编辑客户资料</source>
        <translation>Edited a member&apos;s profile</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="207"/>
        <source>修改客户备注</source>
        <translation>Edited a customer remark</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="208"/>
        <source>导入「{file}」：新增 {new} 位，更新 {updated} 位</source>
        <translation>Imported &quot;{file}&quot;: {new} new, {updated} updated</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="209"/>
        <source>积分发放「{reason}」：每位 {amount} 分（批次 {key}）</source>
        <translation>Points awarded ({reason}): {amount} each (batch {key})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="210"/>
        <source>积分过期：{day}</source>
        <translation>Points expired: {day}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="211"/>
        <source>积分到期规则改为：永不过期</source>
        <translation>Points expiry rule changed to: never expire</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="212"/>
        <source>积分到期规则改为：获得后第 {months} 个月月底过期</source>
        <translation>Points expiry rule changed to: expire at the end of month {months} after earning</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="213"/>
        <source>积分到期规则改为：每年 {month} 月 {day} 日清零当年获得的积分</source>
        <translation>Points expiry rule changed to: on {month}-{day} each year, points earned that year are cleared</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="214"/>
        <source>积分到期规则改为：每年 {month} 月 {day} 日清零 {years} 年前获得的积分</source>
        <translation>Points expiry rule changed to: on {month}-{day} each year, points earned {years} year(s) before are cleared</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="215"/>
        <source>新增奖品“{name}”</source>
        <translation>Added reward &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="216"/>
        <source>修改奖品“{name}”</source>
        <translation>Edited reward &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="217"/>
        <source>上架奖品“{name}”</source>
        <translation>Put reward &quot;{name}&quot; on the shelf</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="218"/>
        <source>下架奖品“{name}”</source>
        <translation>Took reward &quot;{name}&quot; off the shelf</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="219"/>
        <source>导入“{name}”的券码（{file}）</source>
        <translation>Imported codes for &quot;{name}&quot; ({file})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="220"/>
        <source>客户 {member} 兑换“{name}”（{points} 积分）</source>
        <translation>Member {member} redeemed &quot;{name}&quot; ({points} points)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="221"/>
        <source>发放兑换 #{id}</source>
        <translation>Issued redemption #{id}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="222"/>
        <source>取消兑换 #{id}，积分退回</source>
        <translation>Cancelled redemption #{id}, points refunded</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="223"/>
        <source>新增积分规则“{name}”</source>
        <translation>Added points rule &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="224"/>
        <source>修改积分规则“{name}”</source>
        <translation>Edited points rule &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="225"/>
        <source>启用积分规则“{name}”</source>
        <translation>Turned on points rule &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="226"/>
        <source>停用积分规则“{name}”</source>
        <translation>Turned off points rule &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="227"/>
        <source>积分规则发放 {day}：{members} 位客户，共 {points} 分</source>
        <translation>Rule points for {day}: {members} members, {points} points in total</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="228"/>
        <source>表格积分「{file}」：{members} 位客户，发放 {given} 分，扣回 {taken} 分</source>
        <translation>Points from sheet &quot;{file}&quot;: {members} members, {given} awarded, {taken} taken back</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="229"/>
        <source>撤销操作 #{id}（{n} 项）</source>
        <translation>Undid operation #{id} ({n} items)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="230"/>
        <source>新建标签组“{name}”</source>
        <translation>New tag group &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="231"/>
        <source>修改标签组为“{name}”</source>
        <translation>Tag group renamed to &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="232"/>
        <source>删除标签组</source>
        <translation>Deleted a tag group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="233"/>
        <source>新建标签“{name}”</source>
        <translation>New tag &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="234"/>
        <source>标签改名为“{name}”</source>
        <translation>Tag renamed to &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="235"/>
        <source>删除 {n} 个标签</source>
        <translation>Deleted {n} tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="236"/>
        <source>删除 {n} 个标签：{names}</source>
        <translation>Deleted {n} tags: {names}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="237"/>
        <source>合并 {n} 个标签</source>
        <translation>Merged {n} tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="238"/>
        <source>把 {sources} 合并到“{target}”</source>
        <translation>Merged {sources} into &quot;{target}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="239"/>
        <source>修改渠道列表</source>
        <translation>Edited the channel list</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="240"/>
        <source>合并渠道「{source}」到「{target}」（{n} 位客户）</source>
        <translation>Merged channel &quot;{source}&quot; into &quot;{target}&quot; ({n} members)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="241"/>
        <source>保存人群包“{name}”</source>
        <translation>Saved segment &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="242"/>
        <source>删除人群包</source>
        <translation>Deleted a segment</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="243"/>
        <source>放弃发件箱第 {id} 项</source>
        <translation>Discarded outbox item {id}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="244"/>
        <source>发件箱第 {ids} 项已发送到企业微信</source>
        <translation>Outbox item {ids} sent to WeCom</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="245"/>
        <source>同步员工 {n} 人</source>
        <translation>Synced {n} staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="246"/>
        <source>同步企业标签库</source>
        <translation>Synced the corp tag library</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="247"/>
        <source>同步新客户</source>
        <translation>Synced new customers</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="248"/>
        <source>同步员工姓名 {n} 人</source>
        <translation>Synced names of {n} staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="249"/>
        <source>同步客户资料</source>
        <translation>Synced customer details</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="250"/>
        <source>同步客户：移除已删除的好友关系</source>
        <translation>Sync: removed relationships deleted in WeCom</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="251"/>
        <source>同步：客户新增 {added}，更新 {updated}，关系 +{follows}；客户群 {groups} 个，进群 {joins}，退群 {leaves}</source>
        <translation>Sync: {added} new customers, {updated} updated, +{follows} relationships; {groups} groups, {joins} joined, {leaves} left</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="253"/>
        <source>会员等级规则：累计积分，银卡 {silver} / 金卡 {gold} / 黑金 {black}</source>
        <translation>Member level rules: lifetime points, Silver {silver} / Gold {gold} / Black Gold {black}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="255"/>
        <source>会员等级规则：近 12 个月积分，银卡 {silver} / 金卡 {gold} / 黑金 {black}</source>
        <translation>Member level rules: points in the last 12 months, Silver {silver} / Gold {gold} / Black Gold {black}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="257"/>
        <source>会员等级规则：累计消费，银卡 {silver} / 金卡 {gold} / 黑金 {black} 元</source>
        <translation>Member level rules: lifetime spend, Silver ¥{silver} / Gold ¥{gold} / Black Gold ¥{black}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="259"/>
        <source>停用按规则定级</source>
        <translation>Turned off rule-based levels</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="260"/>
        <source>按规则重新定级：升级 {up} 位，降级 {down} 位</source>
        <translation>Levels recalculated by rule: {up} up, {down} down</translation>
    </message>
</context>
</TS>
