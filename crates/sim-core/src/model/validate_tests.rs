//! Tests of `validate.rs`: each problem is reported on the node it concerns.

use super::*;

fn node(id: u32, kind: ComponentKind) -> Node {
    Node {
        id: NodeId(id),
        label: String::new(),
        x: 0.0,
        y: 0.0,
        region: crate::model::Region::default(),
        config: ComponentConfig::default_for(kind),
    }
}
fn edge(a: u32, b: u32) -> Edge {
    Edge {
        from: NodeId(a),
        to: NodeId(b),
    }
}
fn kinds_on(issues: &[Issue], id: u32) -> Vec<String> {
    issues
        .iter()
        .filter(|i| i.node == Some(NodeId(id)))
        .map(|i| format!("{:?}", i.kind))
        .collect()
}

#[test]
fn a_three_tier_diagram_is_valid() {
    use ComponentKind as K;
    let nodes = vec![
        node(1, K::Client),
        node(2, K::LoadBalancer),
        node(3, K::WebServer),
        node(4, K::Database),
    ];
    let issues = validate(&nodes, &[edge(1, 2), edge(2, 3), edge(3, 4)]);
    assert!(issues.is_empty(), "{issues:?}");
}

#[test]
fn every_problem_is_reported_on_the_node_it_concerns() {
    use ComponentKind as K;
    let nodes = vec![
        node(2, K::LoadBalancer),
        node(3, K::WebServer),
        node(4, K::Database),
    ];
    let issues = validate(&nodes, &[edge(4, 3)]);
    assert!(
        issues
            .iter()
            .any(|i| i.node.is_none() && i.kind == IssueKind::NoClient)
    );
    assert_eq!(kinds_on(&issues, 2), ["NoBackends", "Unreachable"]);
    assert_eq!(kinds_on(&issues, 3), ["NoDatabase", "Unreachable"]);
    assert_eq!(
        kinds_on(&issues, 4),
        [
            "InvalidEdge { from: Database, to: WebServer }",
            "Unreachable"
        ]
    );
    let invalid = issues
        .iter()
        .find(|i| matches!(i.kind, IssueKind::InvalidEdge { .. }))
        .expect("invalid edge");
    assert!(
        invalid
            .to_string()
            .starts_with("A database cannot send requests to a web server"),
        "{invalid}"
    );
}

#[test]
fn a_loop_marks_each_node_on_it() {
    use ComponentKind as K;
    let nodes = vec![
        node(1, K::Client),
        node(2, K::LoadBalancer),
        node(3, K::WebServer),
        node(4, K::Database),
    ];
    let issues = validate(&nodes, &[edge(1, 2), edge(2, 3), edge(3, 4), edge(4, 2)]);
    let cyc: Vec<_> = issues
        .iter()
        .filter(|i| i.kind == IssueKind::Cycle)
        .filter_map(|i| i.node)
        .collect();
    assert_eq!(cyc, [NodeId(2), NodeId(3), NodeId(4)]);
}

#[test]
fn out_of_range_settings_from_a_file_are_reported() {
    let mut n = node(1, ComponentKind::Client);
    if let ComponentConfig::Client(c) = &mut n.config {
        c.arrival_rate_per_s = -3.0;
    }
    let issues = validate(&[n], &[]);
    assert!(issues.iter().any(
        |i| matches!(&i.kind, IssueKind::OutOfRange(e) if e.field.name == "arrival_rate_per_s")
    ));
}

#[test]
fn a_profile_that_goes_back_in_time_is_reported_on_its_client() {
    let mut n = node(1, ComponentKind::Client);
    if let ComponentConfig::Client(c) = &mut n.config {
        c.traffic = crate::model::TrafficShape::Piecewise {
            points: vec![(10.0, 1.0), (5.0, 2.0)],
        };
    }
    let issues = validate(&[n], &[]);
    let issue = issues
        .iter()
        .find(|i| matches!(i.kind, IssueKind::Traffic(_)))
        .expect("the profile is refused");
    assert_eq!(issue.node, Some(NodeId(1)));
    assert_eq!(issue.to_string(), "traffic profile: its times go back");
}

#[test]
fn multi_primary_without_a_replica_is_a_warning_on_the_database() {
    use ComponentKind as K;
    let mut nodes = vec![
        node(1, K::Client),
        node(2, K::WebServer),
        node(3, K::Database),
    ];
    if let ComponentConfig::Database(db) = &mut nodes[2].config {
        db.replication = crate::model::Replication::MultiPrimary;
    }
    let edges = [edge(1, 2), edge(2, 3)];
    let issues = validate(&nodes, &edges);
    assert_eq!(kinds_on(&issues, 3), ["MultiPrimaryWithoutPeer"]);
    assert!(!issues[0].is_error(), "it runs as a lone database");
    nodes.push(node(4, K::Replica));
    let issues = validate(&nodes, &[edge(1, 2), edge(2, 3), edge(3, 4)]);
    assert!(issues.is_empty(), "{issues:?}");
}
