"""What an operator's librouteros script does, against the firmware's API.

usage: python3 librouteros_session.py HOST PORT PASSWORD
Prints one line per step; the system test reads them. Exits non-zero on the first surprise.
"""
import sys

from librouteros import connect
from librouteros.exceptions import TrapError
from librouteros.query import Key

host, port, password = sys.argv[1], int(sys.argv[2]), sys.argv[3]

try:
    connect(host=host, username='admin', password='wrong', port=port)
    sys.exit('a wrong password was accepted')
except TrapError as e:
    print('login refused:', e)

api = connect(host=host, username='admin', password=password, port=port)
print('logged in')
servers = api.path('ip', 'mac-server')
server = servers.add(name='lab', comment='from librouteros')
print('server added:', server.startswith('*'))
bindings = api.path('ip', 'mac-server', 'binding')
first = bindings.add(**{'mac-address': '00:01:02:03:04:05', 'server': 'lab'})
second = bindings.add(**{'mac-address': '00:01:02:03:04:06', 'server': 'lab', 'disabled': True})
print('bindings added:', first != second)
# Other clients share this router: look at this script's own server only.
print('printed:', sorted(row['mac-address'] for row in bindings if row['server'] == 'lab'))

mac, disabled = Key('mac-address'), Key('disabled')
found = tuple(bindings.select(Key('.id'), mac).where(mac == '00:01:02:03:04:06'))
print('where mac-address:', [(row['.id'] == second, row['mac-address']) for row in found])
print('where disabled:', tuple(bindings.select(mac).where(disabled == True, Key('server') == 'lab')))  # noqa: E712 (librouteros's query syntax)
print('where not disabled:', tuple(bindings.select(mac).where(disabled == False, Key('server') == 'lab')))  # noqa: E712

bindings.update(**{'.id': first, 'comment': 'desk 4', 'action': 'deny'})
row = tuple(bindings.select(Key('comment'), Key('action')).where(Key('.id') == first))
print('after set:', row)

try:
    bindings.add(**{'mac-address': '00:01:02:03:04:07', 'server': 'nowhere'})
    sys.exit('a binding to a server that does not exist was added')
except TrapError as e:
    print('trap:', e)

bindings.remove(first, second)
print('after remove:', tuple(bindings.select(mac).where(Key('server') == 'lab')))
servers.update(**{'.id': server, 'comment': 'lab bench', 'max-sessions': 5})
print('server after set:', tuple(servers.select(Key('comment'), Key('max-sessions')).where(Key('name') == 'lab')))
servers.remove(server)
print('server after remove:', tuple(servers.select(Key('name')).where(Key('name') == 'lab')))
print('identity:', tuple(api.path('system', 'identity'))[0]['name'])
api.close()
print('done')
