import Shared
import Testing

/// The dashboard documents of one detector run, shaped as `DashboardBuilder` writes them, with known exact values.
///
/// Checks: severities 2+5+11+17+7 = kinds 3+12+27 = 42 findings; debits 12500000.00 + credits -154321.10 =
/// total 12345678.90 = fiscal years 5000000.00 + 7345678.90; each variance bridge sums to the change 1200000.55.
enum ChatFixture {
    static let json = #"""
        {
        "summary": {"schema": "finrca.summary/1", "generated_at": "2024-08-02T01:00:00Z", "latest_period": "2024-07",
          "currency": "GBP", "provisional": false, "lines": 48213, "total_spend": 12345678.90, "findings": 42,
          "findings_by_kind": {"duplicate_payment": 3, "mom_change": 12, "statistical_outlier": 27},
          "findings_by_severity": {"critical": 2, "high": 5, "medium": 11, "low": 17, "info": 7},
          "top_findings": [
            {"fingerprint": "aaa1", "kind": "mom_change", "severity": "critical", "period": "2024-07",
             "dimension_path": "cost_center=31090", "delta": 1160000.00,
             "explanation": "Cost centre 31090 spent GBP 3.1m in 2024-07, +60 % on 2024-06 (GBP 1.9m); supplier Acme Ltd explains GBP 0.9m of the GBP 1.2m rise."},
            {"fingerprint": "bbb2", "kind": "duplicate_payment", "severity": "high", "period": "2024-06",
             "dimension_path": "supplier=Beta Services", "delta": null,
             "explanation": "Supplier Beta Services was paid GBP 48,250.00 twice within 3 days."},
            {"fingerprint": "ccc3", "kind": "statistical_outlier", "severity": "medium", "period": "2024-07",
             "dimension_path": "directorate=Adults/cost_center=31090", "delta": -20500.75,
             "explanation": "Line 3:1044 of GBP 25,000.00 is 9.8 robust z-scores from its peers."},
            {"fingerprint": "ddd4", "kind": "mom_change", "severity": "low", "period": "2024-05",
             "dimension_path": "gl_account=5100", "delta": 7300.10,
             "explanation": "GL account 5100 spent GBP 20.1k in 2024-05, +57 % on 2024-04 (GBP 12.8k)."}
          ]},
        "eda_summary": {"schema": "finrca.eda/1", "currency": "GBP", "lines": 48213, "total_spend": 12345678.90,
          "debits": {"lines": 47000, "amount": 12500000.00}, "credits": {"lines": 1213, "amount": -154321.10},
          "fiscal_years": [{"fiscal_year": 2023, "lines": 20000, "amount": 5000000.00},
                           {"fiscal_year": 2024, "lines": 28213, "amount": 7345678.90}],
          "distinct": {"directorate": 4, "cost_center": 37, "gl_account": 112, "supplier": 905, "functional_area": 6},
          "amount_quantiles": {"min": -9000.00, "p25": 45.10, "median": 120.55, "p75": 480.00, "p90": 1500.00,
                               "p99": 25000.00, "max": 250000.00}},
        "breakdown_directorate": {"schema": "finrca.breakdown/1", "dimension": "directorate", "total": 12345678.90,
          "members": 2, "items": [{"value": "Adults", "amount": 9000000.00, "lines": 30000, "share": 0.729},
                                  {"value": "IT", "amount": 3345678.90, "lines": 18213, "share": 0.271}],
          "other": {"members": 0, "amount": 0.00, "lines": 0}},
        "breakdown_cost_center": {"schema": "finrca.breakdown/1", "dimension": "cost_center", "total": 12345678.90,
          "members": 37, "items": [{"value": "31090", "amount": 3100000.00, "lines": 5000, "share": 0.25110000664},
                                   {"value": "20010", "amount": 1000000.00, "lines": 3000, "share": 0.081}],
          "other": {"members": 35, "amount": 8245678.90, "lines": 40213}},
        "breakdown_supplier": {"schema": "finrca.breakdown/1", "dimension": "supplier", "total": 12345678.90,
          "members": 905, "items": [{"value": "Acme Ltd", "amount": 2000000.00, "lines": 800, "share": 0.162},
                                    {"value": "Beta Services", "amount": 900000.00, "lines": 300, "share": 0.0729}],
          "other": {"members": 903, "amount": 9445678.90, "lines": 47113}},
        "timeseries_month_year": {"schema": "finrca.timeseries/1", "group_by": "month_year", "points": [
          {"label": "2024-03", "amount": 900000.00, "lines": 3900}, {"label": "2024-04", "amount": 1000000.00, "lines": 4000},
          {"label": "2024-05", "amount": 1234567.89, "lines": 4100}, {"label": "2024-06", "amount": 1900000.00, "lines": 4200},
          {"label": "2024-07", "amount": 3100000.55, "lines": 4300}]},
        "timeseries_fiscal_year": {"schema": "finrca.timeseries/1", "group_by": "fiscal_year", "points": [
          {"label": "2023", "amount": 5000000.00, "lines": 20000}, {"label": "2024", "amount": 7345678.90, "lines": 28213}]},
        "anomalies_statistical": {"schema": "finrca.anomalies/1", "method": "statistical", "flagged_lines": 27, "lines": [
          {"batch_id": 3, "line": 1044, "period": "2024-07", "amount": 25000.00, "score": 9.812, "gl_account": "5100",
           "cost_center": "31090", "supplier": "Acme Ltd"},
          {"batch_id": 3, "line": 2210, "period": "2024-06", "amount": 18250.40, "score": 7.455, "gl_account": "5200",
           "cost_center": "20010", "supplier": "Beta Services"},
          {"batch_id": 2, "line": 87, "period": "2024-05", "amount": -9000.00, "score": 6.1, "gl_account": "5100",
           "cost_center": "31090", "supplier": "Gamma plc"},
          {"batch_id": 1, "line": 12, "period": "2024-04", "amount": 7000.00, "score": 5.2, "gl_account": "5300",
           "cost_center": "20010", "supplier": "Acme Ltd"}]},
        "anomalies_ml": {"schema": "finrca.anomalies/1", "method": "isolation_forest", "flagged_lines": 15, "lines": [
          {"batch_id": 3, "line": 1044, "period": "2024-07", "amount": 25000.00, "score": 0.734, "gl_account": "5100",
           "cost_center": "31090", "supplier": "Acme Ltd"},
          {"batch_id": 2, "line": 500, "period": "2024-06", "amount": 125000.00, "score": 0.701, "gl_account": "5400",
           "cost_center": "20010", "supplier": "Delta"}]},
        "anomalies_trends": {"schema": "finrca.anomalies/1", "method": "trend", "changes": [
          {"dimension": null, "member": "", "period": "2024-07", "base_period": "2024-06", "previous": 1900000.00,
           "current": 3100000.55, "delta": 1200000.55, "relative_change": 0.6315792368421053, "significance": 4.2},
          {"dimension": "cost_center", "member": "31090", "period": "2024-07", "base_period": "2024-06",
           "previous": 1940000.00, "current": 3100000.00, "delta": 1160000.00, "relative_change": 0.5979381443298969,
           "significance": 5.1},
          {"dimension": "gl_account", "member": "5100", "period": "2024-05", "base_period": "2024-04", "previous": 12800.00,
           "current": 20100.10, "delta": 7300.10, "relative_change": 0.5703203125, "significance": 2.9},
          {"dimension": "supplier", "member": "Gamma plc", "period": "2024-06", "base_period": "2024-05",
           "previous": 50000.00, "current": 0.00, "delta": -50000.00, "relative_change": -1, "significance": 3.3},
          {"dimension": "supplier", "member": "New Co", "period": "2024-07", "base_period": "2024-06", "previous": 0.00,
           "current": 5000.00, "delta": 5000.00, "relative_change": null, "significance": 2.0}]},
        "rca_latest": {"schema": "finrca.rca/1", "from": "2024-06", "to": "2024-07", "filter": {}, "change": 1200000.55,
          "bridges": [
            {"dimension": "directorate", "start": 1900000.00, "end": 3100000.55, "steps": [
              {"member": "Adults", "start": 1000000.00, "end": 2150000.00, "contribution": 1150000.00},
              {"member": "IT", "start": 300000.00, "end": 350000.55, "contribution": 50000.55}],
             "other_steps": 0, "other_contribution": 0.00},
            {"dimension": "supplier", "start": 1900000.00, "end": 3100000.55, "steps": [
              {"member": "Acme Ltd", "start": 100000.00, "end": 1000000.00, "contribution": 900000.00},
              {"member": "Beta Services", "start": 200000.00, "end": 500000.00, "contribution": 300000.00},
              {"member": "Delta", "start": 0.00, "end": 50000.55, "contribution": 50000.55},
              {"member": "Gamma plc", "start": 50000.00, "end": 0.00, "contribution": -50000.00}],
             "other_steps": 0, "other_contribution": 0.00}],
          "root_cause_set": "cost_center=31090&supplier=Acme Ltd",
          "ranked": [
            {"element": "cost_center=31090&supplier=Acme Ltd", "explained_share": 0.75, "surprise": 0.41, "score": 0.9,
             "root_cause": true},
            {"element": "directorate=Adults", "explained_share": 0.958333, "surprise": 0.2, "score": 0.5,
             "root_cause": false}],
          "forest_importance": [], "correlations": [], "evidence": []},
        "chart_trend": {"schema": "finrca.chart/1", "figure": {"data": [{"type": "scatter", "mode": "lines+markers",
          "name": "spend", "x": ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07"],
          "y": [900000.00, 1000000.00, 1234567.89, 1900000.00, 3100000.55]}],
          "layout": {"title": {"text": "Monthly spend"}, "xaxis": {"title": {"text": "period"}},
                     "yaxis": {"title": {"text": "GBP"}}}}},
        "chart_category_breakdown": {"schema": "finrca.chart/1", "figure": {"data": [{"type": "pie",
          "labels": ["Adults", "IT"], "values": [5500000.00, 1845678.90]}],
          "layout": {"title": {"text": "Spend by directorate, fiscal year 2024 (GBP)"}}}},
        "chart_heatmap": {"schema": "finrca.chart/1", "figure": {"data": [{"type": "heatmap", "x": ["2024-06", "2024-07"],
          "y": ["31090", "20010"], "z": [[1940000.00, 3100000.00], [300000.00, 310000.00]]}],
          "layout": {"title": {"text": "Cost centre spend by period (GBP)"}}}},
        "chart_anomaly_scatter": {"schema": "finrca.chart/1", "figure": {"data": [], "layout": {"title":
          {"text": "Journal lines and statistical outliers"}}}},
        "chart_rca_waterfall": {"schema": "finrca.chart/1", "dimension": "directorate", "from": "2024-06", "to": "2024-07",
          "figure": {"data": [{"type": "waterfall", "x": ["2024-06", "Adults", "IT", "2024-07"],
          "measure": ["absolute", "relative", "relative", "total"], "y": [1900000.00, 1150000.00, 50000.55, 3100000.55]}],
          "layout": {"title": {"text": "Change 2024-06 → 2024-07 by directorate (GBP)"}}}},
        "charts_available": {"schema": "finrca.charts/1", "charts": ["chart_trend", "chart_category_breakdown",
          "chart_heatmap", "chart_anomaly_scatter", "chart_rca_waterfall"]}
        }
        """#

    /// The documents by name.
    static func documents() throws -> [String: JSONValue] {
        let pairs = try #require(try JSONValue(parsing: json).objectValue)
        return Dictionary(uniqueKeysWithValues: pairs)
    }

    /// The documents with `field` removed from the top level of `document`.
    static func documents(removing field: String, from document: String) throws -> [String: JSONValue] {
        var documents = try documents()
        let pairs = try #require(documents[document]?.objectValue)
        documents[document] = .object(pairs.filter { $0.0 != field })
        return documents
    }

    /// The documents with the top-level `field` of `document` replaced by `value`.
    static func documents(replacing field: String, in document: String, with value: JSONValue) throws -> [String:
        JSONValue]
    {
        var documents = try documents()
        let pairs = try #require(documents[document]?.objectValue)
        documents[document] = .object(pairs.map { $0.0 == field ? ($0.0, value) : $0 })
        return documents
    }
}
