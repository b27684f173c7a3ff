<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../siyu_desktop/app.py" line="182"/>
        <source>正在生成演示工作区（首次启动）… {phase} {done}/{total}</source>
        <translation>Creating the demo workspace (first launch)… {phase} {done}/{total}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="223"/>
        <source>演示用的企业微信模拟器没有启动：{reason}</source>
        <translation>The demo WeCom emulator did not start: {reason}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="242"/>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="243"/>
        <source>社群</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="173"/>
        <location filename="../../siyu_desktop/app.py" line="244"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="174"/>
        <source>客户群</source>
        <translation>customer groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="175"/>
        <source>客户</source>
        <translation>members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="176"/>
        <source>添加关系</source>
        <translation>follow-ups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="177"/>
        <source>积分</source>
        <translation>points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="178"/>
        <source>进退群记录</source>
        <translation>join and leave records</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="179"/>
        <source>群统计</source>
        <translation>group statistics</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="186"/>
        <source>正在打开工作区…</source>
        <translation>Opening the workspace…</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="245"/>
        <source>企业微信</source>
        <translation>WeCom</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="246"/>
        <source>操作记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="247"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="356"/>
        <source>已创建工作区“{brand}”。下一步：导入 Excel 客户名单，或在「企业微信」页连接并同步。</source>
        <translation>Created the workspace &quot;{brand}&quot;. Next: import an Excel roster, or connect and sync on the WeCom screen.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="363"/>
        <source>打开工作区文件</source>
        <translation>Open a workspace file</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="364"/>
        <source>私域运营台工作区 (*.db);;所有文件 (*)</source>
        <translation>Siyu Desktop workspaces (*.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="375"/>
        <source>重新生成演示工作区</source>
        <translation>Rebuild the demo workspace</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="376"/>
        <source>演示工作区会换成一份全新生成的演示数据，在里面做过的修改都会丢失。你自己的工作区不受影响。</source>
        <translation>The demo workspace is replaced by freshly generated demo data; changes made in it are lost. Your own workspaces are not affected.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="379"/>
        <source>重新生成</source>
        <translation>Rebuild</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="405"/>
        <source>已恢复备份“{name}”。</source>
        <translation>Restored the backup &quot;{name}&quot;.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/app.py" line="407"/>
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
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="58"/>
        <source>添加标签</source>
        <translation>Added tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="59"/>
        <source>移除标签</source>
        <translation>Removed tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="62"/>
        <source>创建客户</source>
        <translation>Created member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="65"/>
        <source>修改资料</source>
        <translation>Edited profile</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="70"/>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="131"/>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="153"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="72"/>
        <source>修改备注</source>
        <translation>Remark changed</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="101"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="101"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="102"/>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="102"/>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="103"/>
        <source>添加时间</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="103"/>
        <source>最近活跃</source>
        <translation>Last active</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="104"/>
        <source>企业微信 ID</source>
        <translation>WeCom ID</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="104"/>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="209"/>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="339"/>
        <source>备注</source>
        <translation>Remark</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="105"/>
        <source>本地笔记</source>
        <translation>Local note</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="116"/>
        <source>只保存在本机工作区，不会同步到企业微信</source>
        <translation>Kept in this workspace only; never synced to WeCom</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="118"/>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="120"/>
        <source>修改等级</source>
        <translation>Change level</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="121"/>
        <source>修改笔记</source>
        <translation>Edit local note</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="125"/>
        <source>资料</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="127"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="129"/>
        <source>社群</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="130"/>
        <source>跟进员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="134"/>
        <source>变更记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="146"/>
        <source>每次获得的积分各有有效期；使用时先扣最早获得的。</source>
        <translation>Each award of points has its own expiry date; spending takes the oldest first.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="147"/>
        <source>未用完的积分（先到期的先用）</source>
        <translation>Unused points (oldest used first)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="149"/>
        <source>积分明细（最新在前）</source>
        <translation>Statement (newest first)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="153"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="153"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="154"/>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="154"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="164"/>
        <source>余额 {balance} 分</source>
        <translation>Balance {balance} points</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="166"/>
        <source>（可用 {n} 分，其余已到期，等待过期清零）</source>
        <translation> ({n} spendable; the rest has expired and waits for the expiry run)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="170"/>
        <source>至 {day}</source>
        <translation>until {day}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="171"/>
        <source>不过期</source>
        <translation>never expires</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="172"/>
        <source>{left}/{amount} 分 · {until}</source>
        <translation>{left}/{amount} points · {until}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="174"/>
        <source>{earned} 获得 {amount} 分，还剩 {left} 分</source>
        <translation>{amount} points earned {earned}, {left} left</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="179"/>
        <source>（没有可用积分）</source>
        <translation>(no points to spend)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="193"/>
        <source>更早的 {n} 条未列出</source>
        <translation>{n} older entries not shown</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="214"/>
        <source>最多 20 个字</source>
        <translation>At most 20 characters</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="216"/>
        <source>保存备注</source>
        <translation>Save remark</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="238"/>
        <source>选择一位客户查看详情</source>
        <translation>Select a member to see details</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="276"/>
        <source>（未关联企业微信）</source>
        <translation>(not linked to WeCom)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="295"/>
        <source>改过的备注还没有发送到企业微信。</source>
        <translation>The changed remark has not been sent to WeCom yet.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="306"/>
        <source>（没有跟进员工：不是企业微信客户）</source>
        <translation>(No staff follow this person: not a WeCom customer)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="318"/>
        <source>（无备注）</source>
        <translation>(no remark)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="319"/>
        <source>备注：{remark}</source>
        <translation>Remark: {remark}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="336"/>
        <source>{staff} 给这位客户的备注</source>
        <translation>{staff}&apos;s remark for this customer</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="337"/>
        <source>先保存在本机（待同步），连接企业微信后发送。</source>
        <translation>Saved on this computer first (waiting to sync) and sent when connected to WeCom.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="340"/>
        <source>选择一位跟进员工后可以修改备注。</source>
        <translation>Choose a staff member to edit their remark.</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="252"/>
        <source>（本地）</source>
        <translation> (local)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="39"/>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="40"/>
        <source>待同步</source>
        <translation>waiting to sync</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="41"/>
        <source>同步失败，原因见“企业微信”页</source>
        <translation>sync failed, see the WeCom page for why</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="43"/>
        <source>获得</source>
        <translation>earned</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="44"/>
        <source>使用</source>
        <translation>spent</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="45"/>
        <source>过期</source>
        <translation>expired</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="46"/>
        <source>调整</source>
        <translation>adjusted</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="47"/>
        <source>冲正</source>
        <translation>reversed</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="254"/>
        <source>（没有标签）</source>
        <translation>(no tags)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="255"/>
        <source>入群</source>
        <translation>joined</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="259"/>
        <source>（不在任何社群中）</source>
        <translation>(not in any group)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/widgets/member_detail.py" line="266"/>
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
        <location filename="../../siyu_desktop/ui/labels.py" line="31"/>
        <source>基础</source>
        <translation>Basic</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="32"/>
        <source>行为</source>
        <translation>Behaviour</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="33"/>
        <source>偏好</source>
        <translation>Preference</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="34"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="35"/>
        <source>兴趣</source>
        <translation>Interest</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="46"/>
        <source>包裹卡</source>
        <translation>Package card</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="47"/>
        <source>AI外呼</source>
        <translation>AI call</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="48"/>
        <source>短信</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="49"/>
        <source>裂变</source>
        <translation>Referral</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="50"/>
        <source>线下活动</source>
        <translation>Offline event</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="51"/>
        <source>直播</source>
        <translation>Live stream</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="52"/>
        <source>小程序</source>
        <translation>Mini program</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="53"/>
        <location filename="../../siyu_desktop/ui/labels.py" line="82"/>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="60"/>
        <source>会员群</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="61"/>
        <source>新人群</source>
        <translation>Newcomer</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="62"/>
        <source>福利群</source>
        <translation>Deals</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="63"/>
        <source>同城群</source>
        <translation>Local</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="64"/>
        <source>兴趣群</source>
        <translation>Interest</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="65"/>
        <source>售后群</source>
        <translation>After-sales</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="66"/>
        <source>未分类</source>
        <translation>Uncategorised</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="73"/>
        <source>直接邀请</source>
        <translation>Invited</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="74"/>
        <source>邀请链接</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="75"/>
        <source>扫码入群</source>
        <translation>QR code</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="83"/>
        <source>扫描二维码</source>
        <translation>Scanned QR code</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="84"/>
        <source>搜索手机号</source>
        <translation>Phone number search</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="85"/>
        <source>名片分享</source>
        <translation>Shared contact card</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="86"/>
        <source>群聊</source>
        <translation>Group chat</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="87"/>
        <source>手机通讯录</source>
        <translation>Phone contacts</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="88"/>
        <source>微信联系人</source>
        <translation>WeChat contact</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="89"/>
        <source>同事分享</source>
        <translation>Shared by colleague</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="90"/>
        <source>管理员分配</source>
        <translation>Assigned by admin</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="114"/>
        <source>打标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="115"/>
        <source>移除标签</source>
        <translation>Untag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="116"/>
        <source>合并标签</source>
        <translation>Merge tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="117"/>
        <source>重命名标签</source>
        <translation>Rename tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="118"/>
        <source>删除标签</source>
        <translation>Delete tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="119"/>
        <source>新建标签</source>
        <translation>New tag</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="120"/>
        <source>新建标签组</source>
        <translation>New tag group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="121"/>
        <source>重命名标签组</source>
        <translation>Rename tag group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="122"/>
        <source>删除标签组</source>
        <translation>Delete tag group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="123"/>
        <source>修改客户资料</source>
        <translation>Edit profile</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="124"/>
        <source>修改备注</source>
        <translation>Edit remark</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="125"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="126"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="127"/>
        <source>保存人群包</source>
        <translation>Save segment</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="128"/>
        <source>删除人群包</source>
        <translation>Delete segment</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="129"/>
        <source>发送到企业微信</source>
        <translation>Sent to WeCom</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="130"/>
        <source>放弃发送</source>
        <translation>Discarded</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="131"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="132"/>
        <source>同步客户</source>
        <translation>Sync customers</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="133"/>
        <source>同步员工</source>
        <translation>Sync staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="134"/>
        <source>同步标签库</source>
        <translation>Sync tag library</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="142"/>
        <source>企业微信同步</source>
        <translation>WeCom sync</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="143"/>
        <source>发件箱</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="144"/>
        <source>我（窗口）</source>
        <translation>Me (window)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="145"/>
        <source>我（命令行）</source>
        <translation>Me (command line)</translation>
    </message>
</context>
<context>
    <name>summaries</name>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="154"/>
        <source>给 {n} 位客户打上标签“{tag}”</source>
        <translation>Tagged {n} members &quot;{tag}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="155"/>
        <source>从 {n} 位客户移除标签“{tag}”</source>
        <translation>Removed tag &quot;{tag}&quot; from {n} members</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="156"/>
        <source>编辑客户资料</source>
        <translation>Edited a member&apos;s profile</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="157"/>
        <source>修改客户备注</source>
        <translation>Edited a customer remark</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="158"/>
        <source>导入「{file}」：新增 {new} 位，更新 {updated} 位</source>
        <translation>Imported &quot;{file}&quot;: {new} new, {updated} updated</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="159"/>
        <source>积分发放「{reason}」：每位 {amount} 分（批次 {key}）</source>
        <translation>Points awarded ({reason}): {amount} each (batch {key})</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="160"/>
        <source>积分过期：{day}</source>
        <translation>Points expired: {day}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="161"/>
        <source>撤销操作 #{id}（{n} 项）</source>
        <translation>Undid operation #{id} ({n} items)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="162"/>
        <source>新建标签组“{name}”</source>
        <translation>New tag group &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="163"/>
        <source>修改标签组为“{name}”</source>
        <translation>Tag group renamed to &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="164"/>
        <source>删除标签组</source>
        <translation>Deleted a tag group</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="165"/>
        <source>新建标签“{name}”</source>
        <translation>New tag &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="166"/>
        <source>标签改名为“{name}”</source>
        <translation>Tag renamed to &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="167"/>
        <source>删除 {n} 个标签</source>
        <translation>Deleted {n} tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="168"/>
        <source>删除 {n} 个标签：{names}</source>
        <translation>Deleted {n} tags: {names}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="169"/>
        <source>合并 {n} 个标签</source>
        <translation>Merged {n} tags</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="170"/>
        <source>把 {sources} 合并到“{target}”</source>
        <translation>Merged {sources} into &quot;{target}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="171"/>
        <source>修改渠道列表</source>
        <translation>Edited the channel list</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="172"/>
        <source>合并渠道「{source}」到「{target}」（{n} 位客户）</source>
        <translation>Merged channel &quot;{source}&quot; into &quot;{target}&quot; ({n} members)</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="173"/>
        <source>保存人群包“{name}”</source>
        <translation>Saved segment &quot;{name}&quot;</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="174"/>
        <source>删除人群包</source>
        <translation>Deleted a segment</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="175"/>
        <source>放弃发件箱第 {id} 项</source>
        <translation>Discarded outbox item {id}</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="176"/>
        <source>发件箱第 {ids} 项已发送到企业微信</source>
        <translation>Outbox item {ids} sent to WeCom</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="177"/>
        <source>同步员工 {n} 人</source>
        <translation>Synced {n} staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="178"/>
        <source>同步企业标签库</source>
        <translation>Synced the corp tag library</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="179"/>
        <source>同步新客户</source>
        <translation>Synced new customers</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="180"/>
        <source>同步员工姓名 {n} 人</source>
        <translation>Synced names of {n} staff</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="181"/>
        <source>同步客户资料</source>
        <translation>Synced customer details</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="182"/>
        <source>同步客户：移除已删除的好友关系</source>
        <translation>Sync: removed relationships deleted in WeCom</translation>
    </message>
    <message>
        <location filename="../../siyu_desktop/ui/labels.py" line="183"/>
        <source>同步：客户新增 {added}，更新 {updated}，关系 +{follows}；客户群 {groups} 个，进群 {joins}，退群 {leaves}</source>
        <translation>Sync: {added} new customers, {updated} updated, +{follows} relationships; {groups} groups, {joins} joined, {leaves} left</translation>
    </message>
</context>
</TS>
