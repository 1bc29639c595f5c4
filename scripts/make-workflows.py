# Writes workflows-examples/*.json. Kept as a generator so the seven workflows share one status
# map and one layout; run `python3 scripts/make-workflows.py` after changing it.
import json, uuid, os

PKG = 'n8n-nodes-pixlpark-erp'
CRED = {
    'bitrix24WebhookApi': {'id': 'sandboxBitrix241', 'name': 'Sandbox Bitrix24'},
    'pixlparkApi': {'id': 'sandboxPixlpark1', 'name': 'Sandbox Pixlpark'},
    'aSystemApi': {'id': 'sandboxASystem01', 'name': 'Sandbox ASystem'},
    'helloPrintApi': {'id': 'sandboxHelloPrt1', 'name': 'Sandbox HelloPrint'},
    'oneCExchangeApi': {'id': 'sandbox1CExchng1', 'name': 'Sandbox 1C exchange'},
}
STATUS_MAP = {'mapping': [
    {'status': 'NotProcessed', 'stageId': 'NEW'},
    {'status': 'AwaitingPayment', 'stageId': 'PREPAYMENT_INVOICE'},
    {'status': 'ReadyToProcessing', 'stageId': 'PREPARATION'},
    {'status': 'Printing', 'stageId': 'EXECUTING'},
    {'status': 'Shipped', 'stageId': 'FINAL_INVOICE'},
    {'status': 'Delivered', 'stageId': 'WON'},
    {'status': 'Cancelled', 'stageId': 'LOSE'},
]}
SECRET = 'change-me-to-a-long-random-secret'

def uid(name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, 'pixlpark-erp/' + name))

def node(wf, name, type_, x, y, params, creds=(), **extra):
    n = {'id': uid(wf + '/' + name), 'name': name, 'type': type_, 'typeVersion': extra.pop('typeVersion', 1), 'position': [x, y], 'parameters': params}
    if creds:
        n['credentials'] = {c: CRED[c] for c in creds}
    n.update(extra)
    return n

def sticky(wf, name, x, y, w, h, text):
    return node(wf, name, 'n8n-nodes-base.stickyNote', x, y, {'content': text, 'width': w, 'height': h}, typeVersion=1)

def export_node(wf, x, y, name='Export to Bitrix24'):
    return node(wf, name, PKG + '.bitrix24', x, y, {
        'resource': 'order', 'operation': 'export', 'funnelId': '0', 'statusMap': STATUS_MAP,
        'orderTypes': 'all', 'newClientsAsLeads': False, 'exportOptions': {'sourceId': 'WEB'},
    }, ['bitrix24WebhookApi'])

def flow(*pairs):
    c = {}
    for a, b in pairs:
        c.setdefault(a, {'main': [[]]})['main'][0].append({'node': b, 'type': 'main', 'index': 0})
    return c

def workflow(file, name, nodes, connections, active=False):
    wf = {'id': uid(file)[:16].replace('-', ''), 'name': name, 'nodes': nodes, 'connections': connections, 'active': active,
          'settings': {'executionOrder': 'v1'}, 'pinData': {}, 'meta': {'templateCredsSetupCompleted': False}, 'tags': []}
    with open(os.path.join('workflows-examples', file), 'w', encoding='utf-8') as f:
        json.dump(wf, f, ensure_ascii=False, indent=2)
        f.write('\n')

def pixlpark_trigger(wf, name, events, x, y):
    return node(wf, name, PKG + '.pixlparkTrigger', x, y, {
        'events': events, 'secretLocation': 'query', 'secret': '', 'output': 'fullOrder',
    }, ['pixlparkApi'], webhookId=uid(wf + '/webhook'))

# 1. Order placed -> Bitrix24 deal
wf = '01-pixlpark-order-to-bitrix24-deal'
workflow(wf + '.json', '01 Pixlpark order placed -> Bitrix24 deal', [
    sticky(wf, 'About', -460, -260, 420, 520,
           '## Pixlpark order -> Bitrix24 deal\n\nEvery order placed on the site becomes a deal in Bitrix24 with its contact or company, '
           'product rows, discussion feed, delivery and stage.\n\n**Set up**\n1. Credentials: *Pixlpark API* (panel -> Settings -> API keys) and '
           '*Bitrix24 Webhook API* (incoming webhook with the CRM right).\n2. **Pixlpark Trigger**: put a long random Webhook Secret into the Pixlpark API credential; in the Pixlpark panel add a webhook '
           '"order placed" with this node\'s Production URL plus `?secret=<the secret>&event=placed`.\n3. **Export to Bitrix24**: pick the funnel and map '
           'each order status to a stage.\n4. Activate.\n\n**Try it**: the lower branch exports one order by its number (Test workflow).'),
    pixlpark_trigger(wf, 'Order Placed', ['placed'], 0, -80),
    node(wf, 'Try With One Order', 'n8n-nodes-base.manualTrigger', 0, 120, {}),
    node(wf, 'Get Full Order', PKG + '.pixlpark', 240, 120, {'resource': 'order', 'operation': 'getFull', 'orderId': '1001'}, ['pixlparkApi']),
    export_node(wf, 500, 0),
], flow(('Order Placed', 'Export to Bitrix24'), ('Try With One Order', 'Get Full Order'), ('Get Full Order', 'Export to Bitrix24')))

# 2. Bitrix24 stage -> Pixlpark status
wf = '02-bitrix24-stage-to-pixlpark-status'
workflow(wf + '.json', '02 Bitrix24 deal stage changed -> Pixlpark order status', [
    sticky(wf, 'About', -460, -260, 420, 520,
           '## Bitrix24 stage -> Pixlpark status\n\nWhen a manager moves a deal to another stage, the order in Pixlpark gets the status mapped to it.\n\n'
           '**Set up**\n1. In Bitrix24: Applications -> Developers -> Other -> **Outgoing webhook**: paste the Bitrix24 Trigger\'s Production URL, tick '
           '"Deal updated", save, and copy its application token into the credential.\n2. **Stage to Status**: the same funnel and map as the export '
           '(workflow 01 / 03); a stage maps back to the first status mapped to it.\n3. Activate.\n\n**No ping-pong**: Set Status runs only when the status differs, '
           'and the export writes a deal only when something changed.'),
    node(wf, 'Deal Updated', PKG + '.bitrix24Trigger', 0, 0, {'events': ['ONCRMDEALUPDATE'], 'fetchRecord': False}, ['bitrix24WebhookApi'], webhookId=uid(wf + '/webhook')),
    node(wf, 'Stage to Status', PKG + '.bitrix24', 240, 0, {'resource': 'order', 'operation': 'stageToStatus', 'dealId': '={{ $json.id }}', 'funnelId': '0', 'statusMap': STATUS_MAP, 'originatorId': 'pixlpark'}, ['bitrix24WebhookApi']),
    node(wf, 'Set Order Status', PKG + '.pixlpark', 480, 0, {'resource': 'order', 'operation': 'setStatus', 'orderId': '={{ $json.orderId }}', 'status': '={{ $json.status }}', 'notify': False, 'onlyWhenDifferent': True}, ['pixlparkApi']),
], flow(('Deal Updated', 'Stage to Status'), ('Stage to Status', 'Set Order Status')))

# 3. Pixlpark status -> Bitrix24 stage
wf = '03-pixlpark-status-to-bitrix24-stage'
workflow(wf + '.json', '03 Pixlpark order changed -> Bitrix24 deal stage', [
    sticky(wf, 'About', -460, -260, 420, 460,
           '## Pixlpark status -> Bitrix24 stage\n\nWhen an order changes in Pixlpark (status, amount, comments), its deal is updated: the stage only when it differs, '
           'new comments only.\n\n**Set up**\n1. **Pixlpark Trigger**: put a long random Webhook Secret into the Pixlpark API credential; in the Pixlpark panel add a webhook "order changed" with the Production URL '
           'plus `?secret=<the secret>&event=changed`.\n2. **Export to Bitrix24**: the same funnel and status map as workflow 02.\n3. Activate.'),
    pixlpark_trigger(wf, 'Order Changed', ['changed'], 0, 0),
    export_node(wf, 260, 0, 'Update the Deal'),
], flow(('Order Changed', 'Update the Deal')))

# 4. Scheduled catch-up
wf = '04-scheduled-catch-up-to-bitrix24'
workflow(wf + '.json', '04 Scheduled catch-up: changed orders -> Bitrix24', [
    sticky(wf, 'About', -460, -260, 420, 440,
           '## Scheduled catch-up\n\nFor shops that cannot set webhooks, or as a safety net: every 15 minutes the orders placed or changed since the last check '
           'are exported. Each order is emitted once; exporting it again only updates its deal.\n\n**Set up**: pick the credentials and the status map, then activate. '
           'The first run only records where to start.'),
    node(wf, 'New or Changed Orders', PKG + '.pixlparkPollTrigger', 0, 0, {'pollTimes': {'item': [{'mode': 'everyX', 'value': 15, 'unit': 'minutes'}]}, 'event': 'newOrChanged', 'output': 'fullOrder'}, ['pixlparkApi']),
    export_node(wf, 260, 0),
], flow(('New or Changed Orders', 'Export to Bitrix24')))

# 5. ASystem
wf = '05-order-to-asystem'
workflow(wf + '.json', '05 Pixlpark order -> ASystem / PrintEffect', [
    sticky(wf, 'About', -460, -260, 420, 460,
           '## Order -> ASystem / PrintEffect\n\nThe guide\'s "Send to ASystem" button: an order goes to ASystem with the template bound to the product.\n\n'
           '**Set up**\n1. Credential *ASystem API*: Api Host `https://IP:port` (3000 when no port) and Api Key.\n2. **Send to ASystem**: pick the template; fill its '
           'required parameters (or let the order lines\' options of the same name fill them).\n3. Run with an order number, or put a Pixlpark Trigger in front.'),
    node(wf, 'Send One Order', 'n8n-nodes-base.manualTrigger', 0, 0, {}),
    node(wf, 'Get Full Order', PKG + '.pixlpark', 220, 0, {'resource': 'order', 'operation': 'getFull', 'orderId': '1001'}, ['pixlparkApi']),
    node(wf, 'Send to ASystem', PKG + '.aSystem', 460, 0, {'resource': 'order', 'operation': 'send', 'templateId': '101', 'parameterMapping': {'mapping': [
        {'parameter': 'order:Вид оплаты', 'value': 'Онлайн-оплата'}, {'parameter': 'order:Тип доставки', 'value': 'Курьер'}, {'parameter': 'order:Тираж', 'value': '={{ $json.items[0]?.quantity ?? 1 }}'}]}}, ['aSystemApi']),
], flow(('Send One Order', 'Get Full Order'), ('Get Full Order', 'Send to ASystem')))

# 6. HelloPrint
wf = '06-order-to-helloprint'
workflow(wf + '.json', '06 Pixlpark order -> HelloPrint request', [
    sticky(wf, 'About', -460, -260, 420, 460,
           '## Order -> HelloPrint\n\nThe guide\'s "Send to HelloPrint" button: an order becomes a request ("Заявка") in HelloPrint.\n\n'
           '**Set up**\n1. Credential *HelloPrint API*: Api Host and Api Key (Bearer token).\n2. **Send to HelloPrint**: choose the default manager, company, '
           'technical site and order source from the lists, and the template with its parameters.\n3. Run with an order number, or put a Pixlpark Trigger in front.'),
    node(wf, 'Send One Order', 'n8n-nodes-base.manualTrigger', 0, 0, {}),
    node(wf, 'Get Full Order', PKG + '.pixlpark', 220, 0, {'resource': 'order', 'operation': 'getFull', 'orderId': '1001'}, ['pixlparkApi']),
    node(wf, 'Send to HelloPrint', PKG + '.helloPrint', 460, 0, {'resource': 'order', 'operation': 'send', 'managerId': '7', 'companyId': '1', 'techSiteId': '4', 'orderSourceId': '11', 'templateId': '12',
        'templateParameters': {'values': [{'parameter': '122', 'value': '4+4'}, {'parameter': '123', 'value': '={{ $json.items[0]?.quantity ?? 1 }}'}]}, 'options': {}}, ['helloPrintApi']),
], flow(('Send One Order', 'Get Full Order'), ('Get Full Order', 'Send to HelloPrint')))

# 7. 1C:Polygraphy exchange
wf = '07-orders-to-1c-polygraphy'
workflow(wf + '.json', '07 Pixlpark orders -> 1C:Polygraphy (CommerceML exchange)', [
    sticky(wf, 'About', -460, -260, 420, 520,
           '## Orders -> 1C:Polygraphy\n\n1C takes web orders by pulling them over its standard exchange (CommerceML 2, `type=sale`). This workflow answers it: '
           'on each exchange it fetches the paid orders from Pixlpark and hands 1C those not yet confirmed.\n\n**Set up**\n1. Credential *1C Exchange API*: a login '
           'and password; enter the same in 1C\'s exchange settings with the trigger\'s Production URL.\n2. Activate.\n\nOrders confirmed by 1C (`success`) are not sent '
           'again; orders of an exchange that failed before `success` go out next time.'),
    node(wf, '1C Exchange', PKG + '.oneCExchangeTrigger', 0, 0, {'options': {}}, ['oneCExchangeApi'], webhookId=uid(wf + '/webhook')),
    node(wf, 'Paid Orders', PKG + '.pixlpark', 240, 0, {'resource': 'order', 'operation': 'getAll', 'returnAll': False, 'limit': 50, 'filters': {'status': 'ReadyToProcessing'}}, ['pixlparkApi'], alwaysOutputData=True),
    node(wf, 'Full Orders', PKG + '.pixlpark', 480, 0, {'resource': 'order', 'operation': 'getFull', 'orderId': '={{ $json.Id }}'}, ['pixlparkApi'], alwaysOutputData=True),
    node(wf, 'Answer 1C', PKG + '.oneCPolygraphy', 720, 0, {'resource': 'order', 'operation': 'answerExchangeQuery', 'fileEncoding': 'windows-1251', 'currency': 'руб'}),
], {'1C Exchange': {'main': [[{'node': 'Paid Orders', 'type': 'main', 'index': 0}], []]}, **flow(('Paid Orders', 'Full Orders'), ('Full Orders', 'Answer 1C'))})
