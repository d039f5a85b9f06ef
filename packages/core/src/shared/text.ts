/**
 * Folds text for accent- and case-insensitive search: "Nuevo León" and "nuevo leon" fold alike.
 * The same characters are folded in SQL by `foldSql` on the server, so both sides must agree.
 */
export const FOLD_FROM = 'áàäâãéèëêíìïîóòöôõúùüûñçÁÀÄÂÃÉÈËÊÍÌÏÎÓÒÖÔÕÚÙÜÛÑÇ';
export const FOLD_TO = 'aaaaaeeeeiiiiooooouuuuncaaaaaeeeeiiiiooooouuuunc';

export function foldText(value: string): string {
  let out = '';
  // NFC first: text pasted with combining accents ("o" + U+0301) must fold like the precomposed "ó".
  for (const ch of value.normalize('NFC').toLowerCase()) {
    const i = FOLD_FROM.indexOf(ch);
    out += i >= 0 ? FOLD_TO[i] : ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}
