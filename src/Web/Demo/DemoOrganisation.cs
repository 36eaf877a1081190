using Engagement.Organisation;

namespace Engagement.Web.Demo;

/// <summary>
/// A realistic, repeatable demo roster: 6 districts, 40 branches (schools, the bureau's offices and the
/// retired members' branch) and 800 members with Chinese names. The same seed always gives the same
/// roster, so a re-seed updates rather than duplicates.
/// </summary>
public static class DemoOrganisation
{
    private static readonly string[] Districts =
        ["城区第一片区", "城区第二片区", "东部片区", "西部片区", "南部片区", "北部片区"];

    private static readonly string[] Towns =
        ["城关", "北关", "东关", "南关", "西关", "新华", "解放", "实验", "育才", "红旗", "青山", "柳林", "河西", "河东", "白塔", "桃园"];

    private static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕"];

    private static readonly string[] GivenChars =
        ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "红", "文", "玉", "兰", "春", "晓", "海", "燕", "鹏", "丹", "宁", "欣", "悦", "志"];

    public static IReadOnlyList<RosterEntry> Build(int seed = 2026, int branches = 40, int membersPerBranch = 20)
    {
        var random = new Random(seed);
        var entries = new List<RosterEntry>(branches * membersPerBranch);
        var memberNo = 1;
        for (var b = 0; b < branches; b++)
        {
            var district = Districts[b % Districts.Length];
            var branch = BranchName(b);
            for (var m = 0; m < membersPerBranch; m++)
            {
                var name = Surnames[random.Next(Surnames.Length)]
                           + GivenChars[random.Next(GivenChars.Length)]
                           + (random.Next(3) == 0 ? string.Empty : GivenChars[random.Next(GivenChars.Length)]);
                var phone = "1" + (3 + random.Next(7)) + random.NextInt64(100_000_000, 999_999_999);
                entries.Add(new RosterEntry(district, branch, name, $"DY{memberNo++:D5}", phone));
            }
        }

        return entries;
    }

    private static string BranchName(int index) => index switch
    {
        0 => "县教育局机关党支部",
        1 => "退休教师党支部",
        2 => "县教研室党支部",
        3 => "县职业中学党支部",
        _ when index < 12 => $"{Towns[index % Towns.Length]}中学党支部",
        _ when index < 36 => $"{Towns[index % Towns.Length]}第{Ordinal(index / Towns.Length)}小学党支部",
        _ => $"{Towns[index % Towns.Length]}幼儿园党支部",
    };

    private static string Ordinal(int n) => n switch { 0 => "一", 1 => "二", 2 => "三", _ => (n + 1).ToString() };
}
