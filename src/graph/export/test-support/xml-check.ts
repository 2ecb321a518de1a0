/**
 * A tiny XML well-formedness checker for tests: balanced tags, quoted attributes, no duplicate
 * attributes, only the five predefined entities or character references, no raw '<' or '&' in
 * text, no characters XML 1.0 forbids. Returns the elements seen (name, attributes, text) so
 * tests can read values back. Not a general parser: no DTD, no CDATA, no comments.
 */
export interface El {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: El[];
}

function decode(s: string, where: number): string {
  return s.replace(/&([^;]{0,10});/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    if (/^#[0-9]+$/.test(e)) return String.fromCodePoint(Number(e.slice(1)));
    if (/^#x[0-9a-fA-F]+$/.test(e)) return String.fromCodePoint(parseInt(e.slice(2), 16));
    throw new Error(`bad entity &${e}; near ${where}`);
  });
}

export function checkXml(xml: string): El {
  for (let i = 0; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff) throw new Error(`forbidden char ${c} at ${i}`);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = xml.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) throw new Error(`lone surrogate at ${i}`);
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) throw new Error(`lone surrogate at ${i}`);
  }
  let p = 0;
  if (xml.startsWith('<?xml')) p = xml.indexOf('?>') + 2;
  const root: El = { name: '#doc', attrs: {}, text: '', children: [] };
  const stack: El[] = [root];
  while (p < xml.length) {
    const lt = xml.indexOf('<', p);
    const text = xml.slice(p, lt === -1 ? xml.length : lt);
    if (text.includes('&') && /&(?![a-zA-Z#][^;]{0,9};)/.test(text)) throw new Error(`raw & in text near ${p}`);
    if (text.includes('>')) {
      /* '>' is legal in text */
    }
    stack[stack.length - 1]!.text += decode(text, p);
    if (lt === -1) break;
    const gt = xml.indexOf('>', lt);
    if (gt === -1) throw new Error('unterminated tag');
    const tag = xml.slice(lt + 1, gt);
    if (tag.includes('<')) throw new Error(`raw < inside tag near ${lt}`);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const top = stack.pop();
      if (!top || top.name !== name) throw new Error(`mismatched </${name}> near ${lt}`);
    } else {
      const selfClose = tag.endsWith('/');
      const body = selfClose ? tag.slice(0, -1) : tag;
      const m = /^([A-Za-z_][\w:.-]*)/.exec(body);
      if (!m) throw new Error(`bad tag near ${lt}`);
      const el: El = { name: m[1]!, attrs: {}, text: '', children: [] };
      let rest = body.slice(m[1]!.length);
      const attrRe = /^\s+([A-Za-z_][\w:.-]*)="([^"<]*)"/;
      for (;;) {
        const a = attrRe.exec(rest);
        if (!a) break;
        if (a[1]! in el.attrs) throw new Error(`duplicate attribute ${a[1]}`);
        if (/&(?![a-zA-Z#][^;]{0,9};)/.test(a[2]!)) throw new Error(`raw & in attribute ${a[1]}`);
        el.attrs[a[1]!] = decode(a[2]!, lt);
        rest = rest.slice(a[0].length);
      }
      if (rest.trim() !== '') throw new Error(`garbage in tag <${el.name}: ${JSON.stringify(rest.slice(0, 30))}`);
      stack[stack.length - 1]!.children.push(el);
      if (!selfClose) stack.push(el);
    }
    p = gt + 1;
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('not exactly one root element');
  return root.children[0]!;
}

/** All descendants named `name`, document order (iterative). */
export function findAll(el: El, name: string): El[] {
  const out: El[] = [];
  const stack: El[] = [el];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.name === name) out.push(e);
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]!);
  }
  return out;
}
