//! What reaches what in a diagram, for validation: the nodes on a loop of connections, the nodes some client's
//! requests reach, and an upper bound of the writes that can reach a primary. Pure graph walks over the document
//! (`out[i]`: the indices node i connects to); nothing here knows about a run.

use super::{ComponentConfig, ComponentKind, Node};

/// Marks every node that lies on a directed cycle (iterative DFS with colours; a back edge closes a cycle and
/// every node on the stack from its target up is in it).
pub(super) fn cycle_members(out: &[Vec<usize>]) -> Vec<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum Colour {
        White,
        Grey,
        Black,
    }
    let n = out.len();
    let mut colour = vec![Colour::White; n];
    let mut member = vec![false; n];
    for root in 0..n {
        if colour[root] != Colour::White {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        colour[root] = Colour::Grey;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&w) = out[v].get(*next) {
                *next += 1;
                match colour[w] {
                    Colour::White => {
                        colour[w] = Colour::Grey;
                        stack.push((w, 0));
                    }
                    Colour::Grey => {
                        let from = stack.iter().position(|&(u, _)| u == w).unwrap_or(0);
                        for &(u, _) in &stack[from..] {
                            member[u] = true;
                        }
                    }
                    Colour::Black => {}
                }
            } else {
                colour[v] = Colour::Black;
                stack.pop();
            }
        }
    }
    member
}

/// Marks every node some client's requests can reach.
pub(super) fn reachable_from_clients(nodes: &[Node], out: &[Vec<usize>]) -> Vec<bool> {
    let roots = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind() == ComponentKind::Client)
        .map(|(i, _)| i);
    reachable_from(roots, out)
}

/// Marks every node reachable from `roots` along `out` (the roots included).
fn reachable_from(roots: impl IntoIterator<Item = usize>, out: &[Vec<usize>]) -> Vec<bool> {
    let mut seen = vec![false; out.len()];
    let mut todo: Vec<usize> = roots.into_iter().collect();
    while let Some(v) = todo.pop() {
        if !std::mem::replace(&mut seen[v], true) {
            todo.extend(out[v].iter().copied().filter(|&w| !seen[w]));
        }
    }
    seen
}

/// Writes per second that can reach database `primary` at most: every client from which it is reachable, at its
/// arrival rate × (1 − read share) (static files and jobs only lower it; a shard router splits it).
pub(super) fn write_rate_bound_per_s(nodes: &[Node], out: &[Vec<usize>], primary: usize) -> f64 {
    nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| match &n.config {
            ComponentConfig::Client(c) if reachable_from([i], out)[primary] => {
                Some(c.arrival_rate_per_s * (1.0 - c.read_fraction))
            }
            _ => None,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use crate::model::{ComponentKind, IssueKind};
    use crate::scenario::{Edit, Scenario};

    fn primary_with_replica(apply_per_s: f64) -> Scenario {
        let mut s = Scenario::default();
        let mut add = |kind| {
            s.apply(Edit::AddNode {
                kind,
                x: 0.0,
                y: 0.0,
            })
            .expect("add")
            .added
            .expect("an id")
        };
        let ids = [
            add(ComponentKind::Client),
            add(ComponentKind::WebServer),
            add(ComponentKind::Database),
            add(ComponentKind::Replica),
        ];
        for w in ids.windows(2) {
            s.apply(Edit::Connect {
                from: w[0],
                to: w[1],
            })
            .expect("connect");
        }
        let set = |s: &mut Scenario, field: &str, value| {
            s.apply(Edit::SetNumber {
                node: ids[2],
                field: field.to_owned(),
                value,
            })
            .expect("in range");
        };
        set(&mut s, "apply_rate_per_s", apply_per_s);
        s
    }

    #[test]
    fn a_primary_whose_replicas_apply_slower_than_the_writes_is_warned_about() {
        // The default client sends 200 req/s, 10 % writes: up to 20 writes/s.
        let warned = |apply| {
            primary_with_replica(apply)
                .validate()
                .into_iter()
                .find(|i| matches!(i.kind, IssueKind::ApplyRateBelowWrites { .. }))
        };
        let issue = warned(15.0).expect("20 writes/s against 15");
        assert!(!issue.is_error(), "a warning: the run is still possible");
        assert_eq!(
            issue.to_string(),
            "Up to 20 writes/s can reach this primary, at or above what each replica applies (15 writes/s): \
             replicas may fall ever further behind"
        );
        assert!(warned(25.0).is_none());
        assert!(warned(0.0).is_none(), "unlimited");
    }
}
