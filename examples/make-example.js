#!/usr/bin/env node
"use strict";
/**
 * Builds examples/示例社工站评估表.xlsx: a synthetic station workbook (no real person's data)
 * with the seed report's appendix table, the four parties' scores, a drifted roster carrying
 * one of each common slip, and a 社工到岗情况统计表 whose figures are the seed report's
 * (持证 50/86/36, 社工 100/101/1, 稳岗率 17/20). Run `node examples/make-example.js` to rebuild it.
 */
const path = require("node:path");
const ExcelJS = require("exceljs");

const OUT = path.join(__dirname, "示例社工站评估表.xlsx");

const BLOCKS = [
  ["服务对象建档", "200个", "371个", "185.50%"],
  ["辅导个案", "90个", "43个", "47.78%"],
  ["小组/工作坊", "30个", "15个", "50.00%"],
  ["探访", "180节", "90节", "50.00%"],
  ["电访", "270人次", "607人次", "224.81%"],
  ["大型活动", "450次", "732次", "162.67%"],
  ["中小型活动", "820次", "1469次", "179.15%"],
  ["调研", "4个", "13个", "325.00%"],
  ["培育志愿者骨干", "18个", "46个", "255.56%"],
  ["新增志愿者", "30人", "20人", "66.67%"],
  ["志愿者培训", "100人", "147人", "147.00%"],
  ["社区社会组织培育", "6次", "5次", "83.33%"],
  ["新增志愿者队伍", "2个", "3个", "150.00%"],
  [null, "2个", "2个", "100.00%"],
];

// GB 11643 check digit
function check(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i];
  return "10X98765432"[s % 11];
}
function id(region, y, m, d, seq, male) {
  const order = String(seq * 2 + (male ? 1 : 0)).padStart(3, "0");
  const body = `${region}${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}${order}`;
  return body + check(body);
}

const SURNAMES = "陈李黄张梁刘林何罗郭".split("");
const GIVEN = ["晓明", "秀英", "国强", "桂芳", "志华", "丽娟", "建新", "美玲", "永康", "少芬", "锦华", "玉珍"];
const CATS = [
  "低保对象",
  "特困人员",
  "独居老人",
  "残疾人",
  "困境儿童",
  "低边",
  "空巢老人",
  "孤寡老人、残疾人",
  "农村留守儿童",
  "支出型困难家庭成员",
  "失能老人",
  "单身特困母亲",
];
const VILLAGES = ["青年社区", "丽江社区", "墩头基社区", "普晖社区", "保税社区", "金碧社区"];

function people() {
  const rows = [];
  for (let i = 0; i < 24; i++) {
    const male = i % 2 === 0;
    const cat = CATS[i % CATS.length];
    const elderly = /老人|孤寡/.test(cat);
    const child = /儿童/.test(cat);
    const y = elderly ? 1940 + (i % 15) : child ? 2012 + (i % 6) : 1965 + (i % 30);
    const m = 1 + (i % 12);
    const d = 1 + ((i * 7) % 28);
    const age = 2023 - y - (m > 11 || (m === 11 && d > 30) ? 1 : 0);
    const femaleOnly = cat === "单身特困母亲";
    const isMale = femaleOnly ? false : male;
    rows.push({
      name: SURNAMES[i % SURNAMES.length] + GIVEN[i % GIVEN.length],
      gender: isMale ? "男" : "女",
      id: id("440112", y, m, d, 10 + i, isMale),
      age,
      phone: `13${(800000000 + i * 1234567).toString().slice(0, 9)}`,
      village: VILLAGES[i % VILLAGES.length],
      cat,
      filed: new Date(Date.UTC(2023, 6, 3 + i)),
    });
  }
  // the slips an evaluator finds by hand
  rows[3].id = rows[3].id.slice(0, 17) + (rows[3].id[17] === "0" ? "1" : "0"); // bad check digit
  rows[5].phone = "1380013800"; // one digit short
  rows[7].gender = rows[7].gender === "男" ? "女" : "男"; // sex against the ID
  rows[9].age += 3; // age against the ID
  rows[11].cat = "高龄"; // not one of the 17 categories
  rows[13].phone = "１３９２２２２３３３３"; // full-width digits
  rows[15].id = rows[2].id; // the same person twice
  rows[17].name = null; // a required field left blank
  return rows;
}

/**
 * The staffing table: 14 certified and 3 uncertified workers on post all five months, three
 * certified who joined later and two who left, so the seed's figures come out (see
 * test/support/staffing-table.ts, which holds the same table for the tests).
 */
function staffingRows() {
  const all = [1, 1, 1, 1, 1];
  const w = [["高级社工师", all]];
  for (let i = 0; i < 4; i++) w.push(["中级社工师", all]);
  for (let i = 0; i < 9; i++) w.push(["助理社工师", all]);
  for (let i = 0; i < 3; i++) w.push(["非持证", all]);
  w.push(["中级社工师", [0, 1, 1, 1, 1]], ["助理社工师", [0, 0, 1, 1, 1]], ["助理社工师", [0, 0, 0, 1, 1]]);
  w.push(["助理社工师", [1, 1, 1, 1, 0]], ["中级社工师", [1, 1, 1, 0, 0]]);
  const given = "嘉欣 子豪 慧敏 伟文 思婷 俊杰 雅琪 家乐 咏诗 浩然 晓彤 志远 佩珊 景行 若琳 天佑 采薇 明轩 淑仪 凯琳 宇航 诗琪".split(" ");
  return w.map(([level, on], i) => [i + 1, SURNAMES[i % SURNAMES.length] + given[i], i === 0 ? "站长" : "一线社工", level, ...on.map((x) => (x ? "√" : null))]);
}

/**
 * 跟进记录 with the date forms stations write (2023.8.1, 2023-09-05, 10月12日, 2023年11月3日); the
 * 独居老人 in row 3 was last called in August and the 空巢老人 in row 7 has no dated record, so the
 * monthly-visit rule for special-difficulty elderly people flags both.
 */
function followUp(i) {
  if (i === 2) return "2023.8.15 电访，情况稳定";
  if (i === 6) return "定期电访";
  const d = 1 + ((i * 5) % 25);
  return [`2023.9.${d} 电访`, `2023-10-${String(d).padStart(2, "0")}探访`, `11月${d}日电访`, `2023年11月${d}日入户探访`][i % 4];
}

async function main() {
  const wb = new ExcelJS.Workbook();
  wb.creator = "shuangbai example";

  const ind = wb.addWorksheet("指标完成情况");
  ind.addRow(["广州市示例街“双百工程”社工站指标完成情况统计表（2023年7月1日至2023年11月30日）"]);
  ind.mergeCells(1, 1, 1, 4);
  for (const [label, t, c, p] of BLOCKS) {
    ind.addRow([label, "指标要求", "完成情况", "完成百分比"]);
    ind.addRow([null, t, c, p]);
  }
  ind.columns = [{ width: 20 }, { width: 12 }, { width: 12 }, { width: 14 }];

  const sc = wb.addWorksheet("四方评分");
  sc.addRow(["评估方", "权重", "得分"]);
  sc.addRow(["购买方评估（街道办事处）", "20%", 20]);
  sc.addRow(["监督方评估（区民政局）", "10%", 9]);
  sc.addRow(["督导中心评估", "15%", 14.55]);
  sc.addRow(["第三方专业评估", "55%", 50.35]);
  sc.columns = [{ width: 28 }, { width: 10 }, { width: 10 }];

  const ro = wb.addWorksheet("服务对象台账");
  const headers = [
    "序号",
    "服务对象姓名",
    "性别",
    "身份证号",
    "年龄",
    "手机号码",
    "社区",
    "街道",
    "现住址",
    "户籍地址",
    "人户分离情况",
    "困境类型",
    "跟进级别",
    "家庭情况",
    "服务需求",
    "一人一策",
    "跟进情况记录",
    "对接社工",
    "建档时间",
    "备注",
  ];
  ro.addRow(["示例街社工站服务对象台账（合成数据）"]);
  ro.mergeCells(1, 1, 1, headers.length);
  ro.addRow(headers);
  people().forEach((p, i) => {
    if (i === 20) ro.addRow([]); // a blank row inside the table
    ro.addRow([
      i + 1,
      p.name,
      p.gender,
      p.id,
      p.age,
      p.phone,
      p.village,
      "示例街道",
      `${p.village}${10 + i}号`,
      `${p.village}${10 + i}号`,
      "人户一致",
      p.cat,
      `${1 + (i % 3)}级`,
      "与配偶同住",
      "生活照料",
      "定期探访，链接资源",
      followUp(i),
      `社工${"甲乙丙"[i % 3]}`,
      p.filed,
      null,
    ]);
  });
  ro.getColumn(4).numFmt = "@";
  ro.getColumn(19).numFmt = "yyyy-mm-dd";
  ro.columns.forEach((c, i) => (c.width = [4, 12, 6, 22, 6, 14][i] ?? 14));

  const st = wb.addWorksheet("社工到岗情况");
  const months = ["2023年7月", "2023年8月", "2023年9月", "2023年10月", "2023年11月"];
  st.addRow(["广州市示例街“双百工程”社工站购买服务项目社工到岗情况统计表"]);
  st.mergeCells(1, 1, 1, 4 + months.length);
  st.addRow(["项目服务采购周期：2022年7月1日至2025年6月30日"]);
  st.addRow(["年度服务协议时间：2023年7月1日至2024年6月30日"]);
  st.addRow(["合同约定：配备社工20名，其中持证社工不少于10名"]);
  st.addRow(["序号", "姓名", "岗位", "持证情况", ...months]);
  for (const r of staffingRows()) st.addRow(r);
  st.columns = [{ width: 6 }, { width: 10 }, { width: 10 }, { width: 14 }, ...months.map(() => ({ width: 11 }))];

  await wb.xlsx.writeFile(OUT);
  process.stdout.write(`written ${OUT}\n`);
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
