import { eld } from 'eld/medium';
const CHAT = ['Brate gde si, jel stigla roba?', 'Hoe laat kom je morgen naar de haven? zovi me na 064 123 4567', 'أين الشحنة يا أخي', 'Ђе си брате, јел стигла роба?', 'evo lokacija https://maps.google.com/?q=44.8125,20.4612 Le bateau arrive jeudi à Anvers'];
const N = 40000;
const a = eld.newInstance(); const b = eld.newInstance(); b.enableTextCleanup(true);
const clean = (s) => (/[0-9@\/]/.test(s) ? s.replace(/\bhttps?:\/\/\S+|\bwww\.\S+|\S+@\S+|\S*[0-9]\S*/g, ' ') : s);
for (let rep = 0; rep < 2; rep++)
for (const [name, f] of [['raw', (s) => a.detect(s).language], ['eld cleanup', (s) => b.detect(s).language], ['own cleanup', (s) => a.detect(clean(s)).language], ['raw+reliable', (s) => a.detect(s).isReliable()], ['raw+scores', (s) => a.detect(s).getScores()]]) {
  for (let i = 0; i < 2000; i++) f(CHAT[i % CHAT.length]);
  const c0 = process.cpuUsage(); for (let i = 0; i < N; i++) f(CHAT[i % CHAT.length]); const c = process.cpuUsage(c0); console.log(name, ((c.user + c.system) / N).toFixed(2), 'µs');
}
