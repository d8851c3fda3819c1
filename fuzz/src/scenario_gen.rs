//! Arbitrary scenarios from fuzz bytes: node kinds, connections the editor allows, every numeric setting at its
//! minimum, its maximum or anywhere between, every choice, regions, faults and run length — built through the
//! editor's own `Edit` commands, so each is a document a user could make. Extremes are drawn often: they are where
//! tables and work blow up.

use sim_core::model::{ComponentKind, Region, edge_allowed};
use sim_core::scenario::{Edit, FaultAction, FaultEvent};
use sim_core::{NodeId, Scenario};

/// Reads choices from the fuzz input; past its end every choice is 0.
pub struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
        self.0 = rest;
        first
    }

    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n.max(1)
    }

    /// A value of `[min, max]`: the minimum, the maximum, or a point between, in about equal shares.
    fn value(&mut self, min: f64, max: f64, integer: bool) -> f64 {
        let v = match self.byte() % 4 {
            0 => min,
            1 => max,
            _ => {
                min + (max - min) * f64::from(self.byte()) / 255.0 * f64::from(self.byte()) / 255.0
            }
        };
        if integer { v.floor() } else { v }
    }
}

/// The scenario `data` describes (always loadable): half the time a preset (a valid design) with settings pushed
/// anywhere in their ranges, otherwise a free-form diagram (often invalid, which exercises validation only).
pub fn scenario(data: &[u8]) -> Scenario {
    let mut b = Bytes(data);
    if b.byte() % 2 == 0 {
        let presets = sim_core::scenario::presets::ALL;
        let mut s = sim_core::scenario::presets::get(presets[b.below(presets.len())].id)
            .expect("listed presets exist");
        let ids: Vec<NodeId> = s.nodes.iter().map(|n| n.id).collect();
        settings(&mut b, &mut s, &ids);
        return s;
    }
    let mut s = Scenario::default();
    let mut ids: Vec<NodeId> = Vec::new();
    for _ in 0..1 + b.below(16) {
        let kind = ComponentKind::ALL[b.below(ComponentKind::ALL.len())];
        if let Ok(applied) = s.apply(Edit::AddNode {
            kind,
            x: 0.0,
            y: 0.0,
        }) {
            ids.extend(applied.added);
        }
    }
    if !s.nodes.iter().any(|n| n.kind() == ComponentKind::Client)
        && let Ok(applied) = s.apply(Edit::AddNode {
            kind: ComponentKind::Client,
            x: 0.0,
            y: 0.0,
        })
    {
        ids.extend(applied.added);
    }
    // Connections: for each node, a few targets among those the editor's rules allow.
    for i in 0..s.nodes.len() {
        let from = s.nodes[i].id;
        let allowed: Vec<NodeId> = s
            .nodes
            .iter()
            .filter(|t| t.id != from && edge_allowed(s.nodes[i].kind(), t.kind()))
            .map(|t| t.id)
            .collect();
        for _ in 0..b.below(4) {
            if allowed.is_empty() {
                break;
            }
            let to = allowed[b.below(allowed.len())];
            let _ = s.apply(Edit::Connect { from, to });
        }
    }
    settings(&mut b, &mut s, &ids);
    s
}

/// Settings, regions, run length and faults of the nodes `ids`.
fn settings(b: &mut Bytes<'_>, s: &mut Scenario, ids: &[NodeId]) {
    for &id in ids {
        let Some(config) = s.node(id).map(|n| n.config.clone()) else {
            continue;
        };
        for (spec, _) in config.numbers() {
            if b.byte() % 3 == 0 {
                continue; // keep the default
            }
            let value = b.value(spec.min, spec.max, spec.integer);
            let _ = s.apply(Edit::SetNumber {
                node: id,
                field: spec.name.to_owned(),
                value,
            });
        }
        for choice in config.choices() {
            let (option, _) = choice.options[b.below(choice.options.len())];
            let _ = s.apply(Edit::SetChoice {
                node: id,
                field: choice.name.to_owned(),
                option: option.to_owned(),
            });
        }
        let region = Region::ALL[b.below(Region::ALL.len())];
        let _ = s.apply(Edit::SetRegion { node: id, region });
    }
    let d = sim_core::model::field::DURATION;
    let _ = s.apply(Edit::SetDuration(b.value(d.min, d.max, false)));
    const ACTIONS: [FaultAction; 8] = [
        FaultAction::Kill,
        FaultAction::Restore,
        FaultAction::Flush,
        FaultAction::AddShard,
        FaultAction::RemoveShard,
        FaultAction::Deploy,
        FaultAction::RegionOutage,
        FaultAction::RegionRestore,
    ];
    for _ in 0..b.below(12) {
        if ids.is_empty() {
            break;
        }
        let _ = s.apply(Edit::AddFault(FaultEvent {
            at_us: u64::from(b.byte()) * 20_000,
            node: ids[b.below(ids.len())],
            action: ACTIONS[b.below(ACTIONS.len())],
            peer: None,
        }));
    }
    s.seed = u64::from(b.byte());
}
