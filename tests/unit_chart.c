/* unit_chart.c -- chart.h: axis, SVG (title, desc, no script), table. */
#include "buf.h"
#include "chart.h"
#include "t.h"

static int
count(const char *s, const char *sub)
{
	int	n = 0;

	while ((s = strstr(s, sub)) != NULL) {
		n++;
		s += strlen(sub);
	}
	return n;
}

int
main(void)
{
	const char	*labels[] = { "咨询", "投<诉>", "一个很长很长很长的单位名称" };
	const long	 values[] = { 45, 16, 0 };
	struct chart	 c = { CHART_BAR, "按类型", NULL, "类型", "件数", 3,
			    labels, values, NULL };
	struct buf	 b = BUF_INIT;

	OK(chart_axis(0) == 1);
	OK(chart_axis(1) == 1);
	OK(chart_axis(3) == 5);
	OK(chart_axis(45) == 50);
	OK(chart_axis(101) == 200);
	OK(chart_axis(500) == 500);
	OK(chart_max(&c) == 45);

	chart_svg(&c, &b);
	OK(strncmp(b.data, "<svg ", 5) == 0);
	OK(strstr(b.data, "role=\"img\"") != NULL);
	OK(strstr(b.data, "viewBox=\"0 0 360 ") != NULL);
	OK(strstr(b.data, "<title>按类型</title>") != NULL);
	/* the description names every number, escaped */
	OK(strstr(b.data, "<desc>咨询 45，投&lt;诉&gt; 16，") != NULL);
	OK(strstr(b.data, "<script") == NULL);
	OK(count(b.data, "<rect") == 3);
	/* the longest bar spans the axis: 45 of 50 over 200 units */
	OK(strstr(b.data, "width=\"180\"") != NULL);
	OK(strstr(b.data, "width=\"0\"") != NULL);
	/* a long label is cut in the drawing, whole in the table */
	OK(strstr(b.data, "一个很长很长很长…") != NULL);
	buf_reset(&b);
	chart_table(&c, &b);
	OK(strstr(b.data, "<caption>按类型</caption>") != NULL);
	OK(strstr(b.data, "<th scope=\"row\">一个很长很长很长的单位名称</th>"
	    "<td>0</td>") != NULL);
	OK(count(b.data, "<tr>") == 4);
	buf_reset(&b);
	chart_html(&c, &b);
	OK(strstr(b.data, "<figure class=\"chart\">\n<svg") != NULL);
	OK(strstr(b.data, "</svg>\n<table class=\"chart-data\">") != NULL);

	/* a line: one point per label, joined; a given description */
	c.kind = CHART_LINE;
	c.desc = "三个月";
	buf_reset(&b);
	chart_svg(&c, &b);
	OK(count(b.data, "<circle") == 3);
	OK(count(b.data, "<polyline") == 1);
	OK(strstr(b.data, "<desc>三个月</desc>") != NULL);
	/* months with no figure (CHART_NONE, not 0): the line breaks
	 * there, they have no point, a band and the table say so */
	{
		const char	*ml[] = { "1月", "2月", "3月", "4月", "5月" };
		const long	 mv[] = { 3, CHART_NONE, CHART_NONE, 0, 7 };
		struct chart	 t = { CHART_LINE, "各月", NULL, "月份", "件数",
				    5, ml, mv, "未报送" };

		OK(chart_max(&t) == 7);
		buf_reset(&b);
		chart_svg(&t, &b);
		OK(count(b.data, "<circle") == 3);
		OK(count(b.data, "<polyline") == 2);
		OK(count(b.data, "<rect") == 1);
		OK(count(b.data, ">未报送</text>") == 1);
		OK(strstr(b.data, "<desc>1月 3，2月 未报送，3月 未报送，4月 0，"
		    "5月 7</desc>") != NULL);
		OK(strstr(b.data, ">3月</text>") != NULL);
		OK(strstr(b.data, "-1") == NULL);
		buf_reset(&b);
		chart_table(&t, &b);
		OK(strstr(b.data, "<th scope=\"row\">2月</th><td class=\"none\">"
		    "未报送</td>") != NULL);
		OK(strstr(b.data, "<th scope=\"row\">4月</th><td>0</td>") !=
		    NULL);
		/* and a bar of no figure is none, not a bar of 0 */
		t.kind = CHART_BAR;
		t.none = NULL;
		buf_reset(&b);
		chart_svg(&t, &b);
		OK(count(b.data, "<rect") == 3);
		OK(count(b.data, ">无数据</text>") == 2);
	}
	/* empty charts draw */
	c.n = 0;
	c.desc = NULL;
	buf_reset(&b);
	chart_svg(&c, &b);
	OK(strstr(b.data, "<desc>无数据</desc>") != NULL);
	buf_dispose(&b);
	return T_DONE();
}
