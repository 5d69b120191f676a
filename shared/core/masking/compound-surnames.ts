/**
 * Two-character Chinese surnames (复姓), simplified and traditional. A pair is left out when
 * its first character is a common single surname and its second a common first character of
 * a given name (乐正, 谷梁): reading 乐正明 as 乐 + 正明 would show 乐正* and give away a
 * character of the given name.
 * @example compoundSurnames.includes('欧阳') // true
 */
// prettier-ignore
export const compoundSurnames: readonly string[] = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙',
  '宇文', '司徒', '夏侯', '轩辕', '令狐', '端木', '南宫', '独孤', '澹台', '公冶',
  '呼延', '万俟', '闻人', '赫连', '申屠', '钟离', '百里', '东郭', '西门', '太史',
  '第五', '司空', '濮阳', '淳于', '太叔', '仲孙', '鲜于', '闾丘', '亓官', '司寇',
  '巫马', '公西', '颛孙', '壤驷', '公良', '漆雕', '宰父', '拓跋', '夹谷', '公羊',
  '羊舌', '微生', '东门', '左丘',
  // Traditional forms of the pairs above whose characters differ.
  '歐陽', '司馬', '諸葛', '東方', '尉遲', '公孫', '長孫', '軒轅', '南宮', '獨孤',
  '澹臺', '萬俟', '聞人', '赫連', '鍾離', '東郭', '西門', '濮陽', '仲孫', '鮮于',
  '閭丘', '巫馬', '顓孫', '壤駟', '東門',
];
