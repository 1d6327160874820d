// Tagged commands in flight together, as node-routeros sends them (it tags every command and
// matches answers by tag), against the firmware's API.
// usage: NODE_PATH=tests/npm/node_modules node node_routeros_session.js HOST PORT PASSWORD
// Prints one line per check; exits non-zero on the first surprise.
const { RouterOSAPI } = require('node-routeros');

const [host, port, password] = process.argv.slice(2);

function fail(why) {
    console.log('FAILED: ' + why);
    process.exit(1);
}

async function main() {
    const api = new RouterOSAPI({ host, port: Number(port), user: 'admin', password, timeout: 30 });
    await api.connect();
    console.log('logged in');
    await api.write('/ip/mac-server/add', ['=name=node']);

    // 50 adds and 50 prints of its server, all written before the first answer is read.
    const adds = [];
    const prints = [];
    for (let i = 0; i < 50; i++) {
        const mac = '02:00:00:00:00:' + i.toString(16).padStart(2, '0');
        adds.push(api.write('/ip/mac-server/binding/add', ['=mac-address=' + mac, '=server=node', '=comment=n' + i]));
        prints.push(api.write('/ip/mac-server/print', ['?=name=node', '=.proplist=name,comment']));
    }
    const added = await Promise.all(adds);
    const servers = await Promise.all(prints);
    const ids = new Set(added.map((r) => r[0] && r[0].ret));
    if (ids.size !== 50) fail('expected 50 distinct ids, got ' + JSON.stringify(added.slice(0, 3)));
    if (!servers.every((r) => r.length === 1 && r[0].name === 'node')) fail('print answers: ' + JSON.stringify(servers[0]));
    console.log('concurrent adds: ' + ids.size + ' ids, concurrent prints: ' + servers.length);

    // Each print with its own query, concurrently: every answer must be its own command's.
    const queries = [];
    for (let i = 0; i < 50; i++) {
        queries.push(api.write('/ip/mac-server/binding/print', ['?=comment=n' + i, '=.proplist=comment,mac-address']));
    }
    const answers = await Promise.all(queries);
    answers.forEach((rows, i) => {
        if (rows.length !== 1 || rows[0].comment !== 'n' + i) fail('query ' + i + ' answered ' + JSON.stringify(rows));
    });
    console.log('concurrent queries: each answered its own');

    try {
        await api.write('/ip/mac-server/binding/add', ['=mac-address=02:00:00:00:00:00', '=server=node']);
        fail('a duplicate binding was added');
    } catch (e) {
        console.log('trap: ' + e.message);
    }
    const counted = await api.write('/ip/mac-server/binding/print', ['=count-only=', '?=server=node']);
    console.log('count-only: ' + JSON.stringify(counted));
    await api.close();
    console.log('done');
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
