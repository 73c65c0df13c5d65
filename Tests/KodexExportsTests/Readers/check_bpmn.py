#!/usr/bin/env python3
"""Reads BPMN files with SpiffWorkflow, an independent BPMN engine, and runs them.

For each process it prints the user tasks and end events as parsed, and one run per
branch of every exclusive gateway: at that gateway the branch is taken, at every other
choice the branch nearest to an end, so each run ends. Each run reports the end event it
reached and the tasks it passed. Usage: check_bpmn.py FILE...; prints JSON.
"""
import json
import sys

from SpiffWorkflow.bpmn.parser import BpmnParser
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.specs.defaults import EndEvent, ExclusiveGateway, UserTask
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState


def flows_of(gateway):
    """(condition text, target spec) of each outgoing flow of a gateway spec."""
    result = []
    for condition, target_name in gateway.cond_task_specs:
        target = gateway._wf_spec.task_specs[target_name]
        text = condition if isinstance(condition, str) else getattr(condition, "args", [None])[0]
        result.append((text, target))
    return result


def distances(spec, goal):
    """The fewest steps from each task spec to one for which `goal` holds."""
    distance = {}
    specs = list(spec.task_specs.values())
    for task in specs:
        if goal(task):
            distance[task.name] = 0
    changed = True
    while changed:
        changed = False
        for task in specs:
            options = [distance[o.name] + 1 for o in task.outputs if o.name in distance]
            if options and distance.get(task.name, 10**9) > min(options):
                distance[task.name] = min(options)
                changed = True
    return distance


class Chooser(PythonScriptEngine):
    """Takes `branch` at `gateway` on its first visit; elsewhere, until then, the branch
    nearest to `gateway`, and afterwards the branch nearest to an end."""

    def __init__(self, spec, gateway, branch):
        super().__init__()
        self.spec, self.gateway, self.branch = spec, gateway, branch
        self.to_end = distances(spec, lambda task: isinstance(task, EndEvent))
        self.to_gateway = distances(spec, lambda task: task.name == gateway)
        self.visits = {}
        self.pending = {}

    def choice(self, task):
        name = task.task_spec.name
        if name not in self.pending:
            visit = self.visits.get(name, 0)
            self.visits[name] = visit + 1
            options = flows_of(task.task_spec)
            if name == self.gateway and visit == 0:
                chosen = self.branch
            else:
                seeking = self.gateway is not None and self.visits.get(self.gateway, 0) == 0
                distance = self.to_gateway if seeking and self.to_gateway else self.to_end
                chosen = min(options, key=lambda o: distance.get(o[1].name, 10**9))[0]
            self.pending[name] = [chosen, len(options)]
        chosen, remaining = self.pending[name]
        self.pending[name][1] -= 1
        if self.pending[name][1] == 0:
            del self.pending[name]
        return chosen

    def evaluate(self, task, expression, external_context=None):
        return expression == self.choice(task)


def run(spec, gateway=None, branch=None, limit=500):
    engine = Chooser(spec, gateway, branch)
    workflow = BpmnWorkflow(spec, script_engine=engine)
    path = []
    for _ in range(limit):
        workflow.do_engine_steps()
        if workflow.is_completed():
            break
        ready = workflow.get_tasks(state=TaskState.READY, manual=True)
        if not ready:
            break
        task = ready[0]
        path.append(task.task_spec.bpmn_name)
        task.run()
    ends = [t.task_spec.bpmn_name for t in workflow.get_tasks(state=TaskState.COMPLETED)
            if isinstance(t.task_spec, EndEvent)]
    return {"completed": workflow.is_completed(), "end": ends[0] if ends else None, "path": path}


def main(paths):
    report = {}
    for path in paths:
        parser = BpmnParser()
        parser.add_bpmn_file(path)
        processes = {}
        for process_id in parser.get_process_ids():
            spec = parser.get_spec(process_id)
            tasks = [t for t in spec.task_specs.values() if isinstance(t, UserTask)]
            ends = [t for t in spec.task_specs.values() if isinstance(t, EndEvent)]
            gateways = [t for t in spec.task_specs.values() if isinstance(t, ExclusiveGateway)]
            runs = [dict(run(spec), before=None, branch=None)]
            for gateway in sorted(gateways, key=lambda g: g.name):
                before = [t.bpmn_name for t in gateway.inputs]
                for condition, target in flows_of(gateway):
                    runs.append(dict(run(spec, gateway.name, condition), before=before[0] if before else None,
                                     branch=condition, target=target.bpmn_name))
            processes[process_id] = {
                "name": spec.description,
                "tasks": sorted(t.bpmn_name for t in tasks),
                "ends": sorted(t.bpmn_name for t in ends),
                "runs": runs,
            }
        report[path.rsplit("/", 1)[-1]] = processes
    print(json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
